import type { Clock } from '../platform/clock.ts';
import { getDefinitions, markRebuilt } from './definitions-store.ts';
import type { Executor } from './executor.ts';
import { refreshConversations } from './refresh.ts';

const PAGE = 500;

/**
 * Recomputes every fact of a workspace under its current definitions, a page at a time. Each page moves the rollups
 * by (new − old) in its own transaction, so totals stay consistent while it runs (pages already done show the new
 * definition, the rest the old one) and a crash resumes by running it again. Pages take the ingestion cursor's lock so
 * ingestion and rebuild never fold the same conversation at once.
 */
export async function rebuildFacts(
  ctx: { db: Executor; clock: Clock },
  workspaceId: string,
): Promise<{ conversations: number; version: number }> {
  const defs = await getDefinitions(ctx.db, workspaceId);
  let after = '';
  let conversations = 0;
  for (;;) {
    const page = await ctx.db
      .selectFrom('analytics_facts')
      .select('conversation_id')
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '>', after)
      .orderBy('conversation_id')
      .limit(PAGE)
      .execute();
    if (page.length === 0) break;
    const ids = page.map((r) => r.conversation_id);
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('analytics_cursor')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: ctx.clock.now() }))
        .where('name', '=', 'reporting_events')
        .execute();
      await refreshConversations(trx, workspaceId, ids, defs);
    });
    conversations += ids.length;
    after = ids[ids.length - 1] as string;
  }
  await markRebuilt(ctx.db, workspaceId, defs.version);
  return { conversations, version: defs.version };
}
