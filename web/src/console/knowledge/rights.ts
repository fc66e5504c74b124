import { useMe } from '../auth/session.ts';

/**
 * What the signed-in role may do in the knowledge base, mirroring server/src/knowledge/policies.ts. The console only
 * hides what a role cannot do; the server refuses it anyway.
 */
export interface KbRights {
  userId: string | null;
  /** Drafts, versions, the review queue (admin, editors, reviewers). */
  editorial: boolean;
  /** Create and edit drafts, submit, withdraw. */
  write: boolean;
  /** Publish, reject, archive. */
  review: boolean;
  categories: boolean;
  synonyms: boolean;
  /** Read imports and crawl sources (acquisition turns into drafts, so it is editorial work). */
  acquire: boolean;
  /** Upload imports, manage and run crawl sources, accept or reject suggestions (they make drafts). */
  acquireWrite: boolean;
  /** Suggestions and knowledge gaps: supervisors see what their agents keep answering and what the bot misses. */
  insights: boolean;
  /** Dismiss or reopen a knowledge gap. */
  gapsManage: boolean;
  /** The hit test: everyone who answers customers or curates knowledge. */
  hitTest: boolean;
}

const EDITORIAL = ['admin', 'kb_editor', 'kb_reviewer'];
const READERS = ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer'];

export function rightsOf(role: string | undefined, userId: string | null = null): KbRights {
  const r = role ?? '';
  return {
    userId,
    editorial: EDITORIAL.includes(r),
    write: r === 'admin' || r === 'kb_editor',
    review: r === 'admin' || r === 'kb_reviewer',
    categories: EDITORIAL.includes(r),
    synonyms: r === 'admin' || r === 'kb_reviewer',
    acquire: EDITORIAL.includes(r),
    acquireWrite: r === 'admin' || r === 'kb_editor',
    insights: [...EDITORIAL, 'supervisor'].includes(r),
    gapsManage: EDITORIAL.includes(r),
    hitTest: READERS.includes(r),
  };
}

export function useKbRights(): KbRights {
  const me = useMe().data;
  return rightsOf(me?.user.role, me?.user.id ?? null);
}
