// A search hit whose explanation (matched terms, highlights) is computed on first read: most callers only read
// the top hit's, and for the rest the work would be wasted. Both are enumerable, so JSON sees them as plain fields.
// Even the string sides the explanation compares are built only then (`explain`).
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

export function buildHit(doc: SearchDoc, explain: () => Explanation, score: number, confidence: number): SearchHit {
  let explained: Explanation | undefined;
  const why = () => {
    explained ??= explain();
    return explained;
  };
  let matched: SearchHit['matched'] | undefined;
  let highlights: SearchHit['highlights'] | undefined;
  // accessors written in the literal, not added by Object.defineProperty: the object keeps a fast shape (adding
  // accessors to an existing object turned every hit into a dictionary, ~2 KB of garbage per hit)
  return {
    docId: doc.id,
    articleId: doc.articleId,
    kind: doc.kind,
    score,
    confidence,
    get matched() {
      if (!matched) {
        const { q, questions, expansions } = why();
        matched = matchedTerms(q, questions, expansions);
      }
      return matched;
    },
    get highlights() {
      if (!highlights) {
        const { q, questions } = why();
        highlights = [
          highlight('title', doc.title, q),
          ...questions.filter((m) => m.field === 'alternate').map((m) => highlight('alternate', m.text, q)),
          doc.body ? highlight('body', doc.body, q) : null,
        ].filter((h): h is SearchHit['highlights'][number] => h !== null);
      }
      return highlights;
    },
  } as SearchHit;
}
