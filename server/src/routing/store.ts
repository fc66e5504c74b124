import type { Kysely } from 'kysely';
import type { Tables } from '../platform/db/tables.ts';

export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** Whether an agent can take conversations now; routing reads it to assign. */
export interface AgentPresenceTable {
  workspace_id: string;
  user_id: string;
  status: PresenceStatus;
  updated_at: number;
}

declare module '../platform/db/tables.ts' {
  interface Tables {
    agent_presence: AgentPresenceTable;
  }
}

export async function savePresence(db: Kysely<Tables>, row: AgentPresenceTable): Promise<void> {
  await db
    .insertInto('agent_presence')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'user_id']).doUpdateSet({ status: row.status, updated_at: row.updated_at }),
    )
    .execute();
}

export async function findPresence(db: Kysely<Tables>, workspaceId: string, userId: string): Promise<PresenceStatus> {
  const row = await db
    .selectFrom('agent_presence')
    .select('status')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.status ?? 'offline';
}

export async function listPresence(db: Kysely<Tables>, workspaceId: string) {
  return db.selectFrom('agent_presence').selectAll().where('workspace_id', '=', workspaceId).execute();
}
