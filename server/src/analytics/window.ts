import type { Executor } from './executor.ts';
import { addSums, emptySums, type Sums } from './sums.ts';

/**
 * The counters of conversations that started in a short window, read from the facts (rollups are hourly; alerts look
 * at the last 30 minutes). Bounded by the window: a few minutes' conversations.
 */
export async function windowSums(
  db: Executor,
  workspaceId: string,
  from: number,
  to: number,
): Promise<{ sums: Sums; intents: Map<string, number> }> {
  const rows = await db
    .selectFrom('analytics_facts')
    .select(['fact', 'intent'])
    .where('workspace_id', '=', workspaceId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .execute();
  const sums = emptySums();
  const intents = new Map<string, number>();
  for (const row of rows) {
    const applied = (JSON.parse(row.fact) as { applied?: { sums?: Partial<Sums> } }).applied?.sums ?? {};
    addSums(sums, { ...emptySums(), ...applied });
    if (row.intent) intents.set(row.intent, (intents.get(row.intent) ?? 0) + 1);
  }
  return { sums, intents };
}
