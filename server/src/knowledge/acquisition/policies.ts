import type { PolicyTable } from '../../security/policy.ts';

/** Who may feed the knowledge base: imports, crawls, mined suggestions, knowledge gaps. Auditors and agents: none. */
const EDITORIAL = ['admin', 'kb_editor', 'kb_reviewer'] as const;

export const acquisitionPolicies = {
  /** Upload a file to import as drafts. */
  'kb.imports.write': { roles: ['admin', 'kb_editor'] },
  /** Import status, progress and problems by line. */
  'kb.imports.read': { roles: EDITORIAL },
  /** Crawl sources: create, change, delete, run now (drafts result, never published articles). */
  'kb.crawl.manage': { roles: ['admin', 'kb_editor'] },
  'kb.crawl.read': { roles: EDITORIAL },
  /** The queue of FAQ suggestions mined from agents' answers; supervisors see what their agents keep answering. */
  'kb.suggestions.read': { roles: ['admin', 'supervisor', 'kb_editor', 'kb_reviewer'] },
  /** Accept (a draft is made) or reject a suggestion. */
  'kb.suggestions.decide': { roles: ['admin', 'kb_editor'] },
  /** Questions the bot could not answer, clustered. */
  'kb.gaps.read': { roles: ['admin', 'supervisor', 'kb_editor', 'kb_reviewer'] },
  'kb.gaps.manage': { roles: EDITORIAL },
} as const satisfies PolicyTable;
