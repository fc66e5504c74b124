// A search hit whose explanation (matched terms, highlights) is computed on first read: most callers only read
// the top hit's, and for the rest the work would be wasted. Both are enumerable, so JSON sees them as plain fields.
import { type Expansion, highlight, matchedTerms } from './explain.ts';
import type { QuerySide } from './features.ts';
import type { SearchDoc, SearchHit } from './types.ts';

/** The question that matched: the title, an alternate, or a question feedback taught. */
export interface MatchedQuestion {
  field: 'title' | 'alternate' | 'learned';
  text: string;
  side: QuerySide;
  learnedUnit: boolean;
}

export function buildHit(
  doc: SearchDoc,
  questions: MatchedQuestion[],
  q: QuerySide,
  exp: Expansion[],
  score: number,
  confidence: number,
): SearchHit {
  const hit = { docId: doc.id, articleId: doc.articleId, kind: doc.kind, score, confidence } as SearchHit;
  let matched: SearchHit['matched'] | undefined;
  let highlights: SearchHit['highlights'] | undefined;
  Object.defineProperty(hit, 'matched', {
    enumerable: true,
    get: () => {
      matched ??= matchedTerms(q, questions, exp);
      return matched;
    },
  });
  Object.defineProperty(hit, 'highlights', {
    enumerable: true,
    get: () => {
      highlights ??= [
        highlight('title', doc.title, q),
        ...questions.filter((m) => m.field === 'alternate').map((m) => highlight('alternate', m.text, q)),
        doc.body ? highlight('body', doc.body, q) : null,
      ].filter((h): h is SearchHit['highlights'][number] => h !== null);
      return highlights;
    },
  });
  return hit;
}
