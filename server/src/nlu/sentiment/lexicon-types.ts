// Shape of a sentiment lexicon. Lexicons are written by hand for this project (not derived from any dataset).

export type Emotion = 'anger' | 'anxiety' | 'disappointment' | 'satisfaction';

export interface SentimentLexicon {
  /** word → polarity weight (positive > 0, negative < 0), roughly -3..3 */
  polarity: Record<string, number>;
  /** word → emotion and its weight (0..1+) */
  emotions: Record<string, Partial<Record<Emotion, number>>>;
  /** words that flip the polarity of what follows */
  negators: string[];
  /** degree words → multiplier (>1 intensifies, <1 softens) */
  degrees: Record<string, number>;
  /** "but"-words: the clause after them outweighs the clause before */
  contrasts: string[];
}
