import type { Db } from '../platform/db/database.ts';
import { fromJson, toJson } from '../platform/db/dialect.ts';
import { newId } from '../platform/ids.ts';

export interface AuditEntry {
  workspaceId: string | null;
  actor: { type: string; id: string | null };
  action: string;
  target?: { type: string; id: string | null };
  outcome?: 'success' | 'failure';
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
  at: number;
}

/** Appends to the audit trail. There is deliberately no update or delete function (the table refuses them too). */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<string> {
  const id = newId('aud');
  await db
    .insertInto('audit_log')
    .values({
      id,
      workspace_id: entry.workspaceId,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      outcome: entry.outcome ?? 'success',
      ip: entry.ip ?? null,
      user_agent: entry.userAgent?.slice(0, 500) ?? null,
      details: toJson(entry.details ?? {}),
      at: entry.at,
    })
    .execute();
  return id;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  outcome?: 'success' | 'failure';
  from?: number;
  to?: number;
  /** Cursor: entries older than this id. */
  before?: string;
  limit?: number;
}

export async function listAudit(db: Db, workspaceId: string, filter: AuditFilter = {}) {
  let query = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorId) query = query.where('actor_id', '=', filter.actorId);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(Math.min(filter.limit ?? 50, 500))
    .execute();
  return rows.map((row) => ({ ...row, details: fromJson<Record<string, unknown>>(row.details, {}) }));
}
