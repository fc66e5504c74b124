import type { PolicyTable } from '../security/policy.ts';

/** Who writes the knowledge base: editors draft, reviewers publish, admins do both (never on their own changes). */
const EDITORIAL = ['admin', 'kb_editor', 'kb_reviewer'] as const;
/** Who reads what customers are served: everyone who talks to customers or curates knowledge. Auditors: nothing. */
const READERS = ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer'] as const;

export const knowledgePolicies = {
  /** Drafts, versions, diffs, comments, the review queue: the editorial view. */
  'kb.articles.read': { roles: EDITORIAL },
  /** Create and edit drafts, submit them for review, withdraw a submission. */
  'kb.articles.write': { roles: ['admin', 'kb_editor'] },
  /** Publish, reject, archive. */
  'kb.articles.review': { roles: ['admin', 'kb_reviewer'] },
  /** Roll back: reviewers' and admins' rollbacks of published versions go live; editors' become drafts. */
  'kb.articles.rollback': { roles: EDITORIAL },
  'kb.comments.write': { roles: EDITORIAL },
  'kb.categories.read': { roles: READERS },
  'kb.categories.manage': { roles: EDITORIAL },
  /** Synonyms change what customers are answered at once, so they are a reviewer's call. */
  'kb.synonyms.manage': { roles: ['admin', 'kb_reviewer'] },
  /** Published articles and the hit test: what a question retrieves and why. */
  'kb.published.read': { roles: READERS },
  'kb.hit_test': { roles: READERS },
  /** Agents tell the index which answer resolved a question. */
  'kb.feedback': { roles: ['admin', 'supervisor', 'agent'] },
} as const satisfies PolicyTable;
