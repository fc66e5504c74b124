// The search engine's public shapes (the contract shared with the knowledge domain). Pure data, no I/O.

export interface SearchDoc {
  /** article id, or `${articleId}#${passageNo}` for document passages */
  id: string;
  articleId: string;
  kind: 'faq' | 'passage';
  language: 'zh' | 'en';
  /** the standard question (faq) or heading (passage) */
  title: string;
  /** similar questions (faq) */
  alternates: string[];
  /** answer text (plain, no HTML) or passage text */
  body: string;
  categoryId: string | null;
  tags: string[];
  channels: string[];
  /** epoch ms */
  effectiveFrom: number | null;
  effectiveTo: number | null;
}

export interface SearchOptions {
  limit?: number;
  categoryId?: string;
  tag?: string;
  channel?: string;
  language?: 'zh' | 'en';
  /** epoch ms used for effective dates (default Date.now()) */
  now?: number;
  /** the query's embedding, when an embeddings endpoint is configured (see embeddings.ts) */
  queryVector?: Float32Array | number[];
}

export type MatchVia = 'exact' | 'synonym' | 'pinyin' | 'ngram' | 'learned';

export interface SearchHit {
  docId: string;
  articleId: string;
  kind: 'faq' | 'passage';
  /** raw ranking score (the re-ranker's logit) */
  score: number;
  /** calibrated in [0,1]: P(this hit answers the query) */
  confidence: number;
  /** why it matched */
  matched: { field: string; term: string; via: MatchVia }[];
  highlights: { field: string; text: string; ranges: [number, number][] }[];
}

export interface SearchIndexOptions {
  /** synonym sets, e.g. [['退款', '退钱', '返款']] */
  synonyms?: string[][];
  /** workspace words jieba must keep whole */
  userDictionary?: { word: string }[];
  /** re-ranker weights (default: the shipped weights, see reranker-weights.ts) */
  weights?: RerankWeights;
}

/** A linear re-ranker over pairwise features plus the sigmoid that turns its score into a confidence. */
export interface RerankWeights {
  bias: number;
  w: number[];
  /** confidence = sigmoid(a * score + b + c * evidence), evidence: the query's best first-stage match */
  calibration: { a: number; b: number; c?: number };
  /** boosted trees added to the linear score (boosted-trees.ts) */
  trees?: import('./boosted-trees.ts').Tree[];
}

export interface SearchIndex {
  upsert(doc: SearchDoc): void;
  remove(docId: string): boolean;
  search(query: string, options?: SearchOptions): SearchHit[];
  readonly size: number;
  setSynonyms(sets: string[][]): void;
  /** A customer's question and the answer shown: resolved=true teaches the pair, false pushes it down. */
  learnFromFeedback(query: string, docId: string, resolved: boolean): void;
  /** Attach an embedding to a doc (computed outside: the index does no I/O). */
  setVector(docId: string, vector: Float32Array | number[] | null): void;
  has(docId: string): boolean;
  get(docId: string): SearchDoc | undefined;
}
