import type { Db } from '../platform/db/database.ts';
import type { Role } from './roles.ts';

export interface WorkspaceTable {
  id: string;
  name: string;
  widget_key: string;
  default_locale: string;
  settings: string;
  paused_at: number | null;
  created_at: number;
}

export interface UserTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  locale: string;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  id: string;
  workspace_id: string;
  user_id: string;
  token_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ApiTokenTable {
  id: string;
  workspace_id: string;
  name: string;
  token_hash: string;
  scopes: string;
  created_by: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface AuditLogTable {
  id: string;
  workspace_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: 'success' | 'failure';
  ip: string | null;
  user_agent: string | null;
  details: string;
  at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    workspaces: WorkspaceTable;
    users: UserTable;
    sessions: SessionTable;
    api_tokens: ApiTokenTable;
    audit_log: AuditLogTable;
  }
}

export function findWorkspace(db: Db, id: string) {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findWorkspaceByWidgetKey(db: Db, widgetKey: string) {
  return db.selectFrom('workspaces').selectAll().where('widget_key', '=', widgetKey).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export function findUser(db: Db, workspaceId: string, userId: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export function listUsers(db: Db, workspaceId: string) {
  return db.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
}
