/** Console roles. A user has exactly one role in their workspace. */
export const ROLES = ['admin', 'supervisor', 'agent', 'kb_editor', 'kb_reviewer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Scopes an integration (API) token may carry. */
export const TOKEN_SCOPES = [
  'conversations:read',
  'conversations:write',
  'contacts:read',
  'contacts:write',
  'audit:read',
  'users:read',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
