import type { Executor } from './executor.ts';

/** The console's alert notifications, newest first. */
export async function listNotifications(db: Executor, workspaceId: string, limit = 50) {
  const rows = await db
    .selectFrom('analytics_notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .limit(Math.min(limit, 200))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    alertId: r.alert_id,
    title: r.title,
    body: r.body,
    createdAt: Number(r.created_at),
    readAt: r.read_at === null ? null : Number(r.read_at),
  }));
}

export async function markNotificationsRead(db: Executor, workspaceId: string, now: number): Promise<void> {
  await db
    .updateTable('analytics_notifications')
    .set({ read_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('read_at', 'is', null)
    .execute();
}
