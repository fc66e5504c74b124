// A search hit whose explanation (matched terms, highlights) is computed on first read: most callers only read
// the top hit's, and for the rest the work would be wasted. Both are enumerable own accessors, so JSON sees them as
// plain fields. Even the string sides the explanation compares are built only then (`explain`).
import { type Expansion, highlight, matchedTerms } from './explain.ts';
import type { TextSide } from './text-side.ts';
import type { SearchDoc, SearchHit } from './types.ts';

/** The question that matched: the title, an alternate, or a question feedback taught. */
export interface MatchedQuestion {
  field: 'title' | 'alternate' | 'learned';
  text: string;
  side: TextSide;
  learnedUnit: boolean;
}

/** What an explanation compares: the query's side and the matched question's. */
export interface Explanation {
  q: TextSide;
  questions: MatchedQuestion[];
  expansions: Expansion[];
}

/** A hit's explanation and what was computed from it, kept under a symbol (out of JSON and Object.keys). */
const STATE = Symbol('explanation');

interface HitState {
  doc: SearchDoc;
  explain: () => Explanation;
  explained: Explanation | undefined;
  matched: SearchHit['matched'] | undefined;
  highlights: SearchHit['highlights'] | undefined;
}

type StatefulHit = SearchHit & { [STATE]: HitState };

function why(s: HitState): Explanation {
  s.explained ??= s.explain();
  return s.explained;
}

/**
 * The lazy fields, one pair of getter functions shared by every hit. Getters written in an object literal are new
 * functions per hit, so each hit got a map of its own (old space) holding its closures: every hit, with the query's
 * analysis its closures kept, then survived the young-generation collections until a full one. At 100,000 articles
 * that was ~2.5 MB copied and promoted per scavenge (scavenges of 10-30 ms at load 8, heap growing 3 MB each). Shared
 * getters keep one map for all hits, and a hit dies young like any other temporary.
 */
const LAZY_FIELDS: PropertyDescriptorMap = {
  matched: {
    get(this: StatefulHit) {
      const s = this[STATE];
      if (!s.matched) {
        const { q, questions, expansions } = why(s);
        s.matched = matchedTerms(q, questions, expansions);
      }
      return s.matched;
    },
    enumerable: true,
    configurable: true,
  },
  highlights: {
    get(this: StatefulHit) {
      const s = this[STATE];
      if (!s.highlights) {
        const { q, questions } = why(s);
        const doc = s.doc;
        s.highlights = [
          highlight('title', doc.title, q),
          ...questions.filter((m) => m.field === 'alternate').map((m) => highlight('alternate', m.text, q)),
          doc.body ? highlight('body', doc.body, q) : null,
        ].filter((h): h is SearchHit['highlights'][number] => h !== null);
      }
      return s.highlights;
    },
    enumerable: true,
    configurable: true,
  },
};

export function buildHit(doc: SearchDoc, explain: () => Explanation, score: number, confidence: number): SearchHit {
  const state: HitState = { doc, explain, explained: undefined, matched: undefined, highlights: undefined };
  const hit = {
    docId: doc.id,
    articleId: doc.articleId,
    kind: doc.kind,
    score,
    confidence,
    [STATE]: state,
  };
  return Object.defineProperties(hit, LAZY_FIELDS) as unknown as SearchHit;
}
