import { fromJson, toJson } from '../../platform/db/dialect.ts';
import type { WaitingProfileCopy } from '../assignment-store.ts';
import { VALUE_TIERS, type ValueTier } from '../engine/types.ts';
import { ROUTING_TOPICS } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';

/**
 * A customer's value tier changed (API or import): their conversations already waiting are ranked with the new tier
 * from now on (the engine computes priority from the entry's tier at each decision, so updating the entry is the
 * re-ranking), and the ones an agent holds carry it too, should they go back in line. Consoles and widgets are told
 * the line moved. Returns the waiting conversations whose place may have changed.
 */
export async function changeWaitingTier(
  deps: RoutingDeps,
  options: { workspaceId: string; conversationIds: string[]; tier: string },
): Promise<string[]> {
  const { ctx } = deps;
  const { workspaceId, conversationIds } = options;
  if (conversationIds.length === 0) return [];
  // The contact's tiers and routing's are the same list today; should they part, an unknown one ranks as regular.
  const tier: ValueTier = (VALUE_TIERS as readonly string[]).includes(options.tier)
    ? (options.tier as ValueTier)
    : 'regular';
  const waiting = await ctx.db
    .updateTable('queue_entries')
    .set({ value_tier: tier })
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .returning('conversation_id')
    .execute();
  const held = await ctx.db
    .selectFrom('routing_assignments')
    .select(['conversation_id', 'profile'])
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', 'in', conversationIds)
    .execute();
  for (const holding of held) {
    const profile = fromJson<Partial<WaitingProfileCopy>>(holding.profile, {});
    await ctx.db
      .updateTable('routing_assignments')
      .set({ profile: toJson({ ...profile, valueTier: tier }) })
      .where('workspace_id', '=', workspaceId)
      .where('conversation_id', '=', holding.conversation_id)
      .execute();
  }
  if (waiting.length > 0)
    await publishRouting(ctx, ROUTING_TOPICS.queueChanged, workspaceId, {
      team: null,
      conversationId: waiting.length === 1 ? waiting[0]?.conversation_id : null,
      change: 'moved',
    });
  return waiting.map((row) => row.conversation_id);
}
