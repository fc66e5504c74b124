import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { KB_TOPICS, publishKbEvent } from '../events.ts';
import { knowledgeIndex } from '../index-registry.ts';
import { replaceSynonymSets, type SynonymSet } from '../retrieval-store.ts';
import { type KbActor, Line } from '../schema.ts';
import { parseInput } from '../validate.ts';

export const SynonymsInput = z.strictObject({
  /** Each set: terms customers use interchangeably, e.g. ["退款", "退钱", "返款"]. */
  sets: z.array(z.array(Line(40)).min(2).max(30)).max(2_000),
});
export type SynonymsInput = z.input<typeof SynonymsInput>;

/** Replaces the workspace's synonym sets; searches use them at once here and within a second elsewhere. */
export async function setSynonyms(
  ctx: ServiceContext,
  options: { workspaceId: string; input: SynonymsInput; actor: KbActor },
): Promise<SynonymSet[]> {
  const input = parseInput(SynonymsInput, options.input);
  const sets = input.sets.map((terms) => [...new Set(terms)]).filter((terms) => terms.length >= 2);
  const saved = await replaceSynonymSets(ctx.db, options.workspaceId, sets, options.actor.id, ctx.clock.now());
  await knowledgeIndex(ctx).reloadSynonyms(options.workspaceId);
  await publishKbEvent(ctx, KB_TOPICS.synonymsChanged, options.workspaceId, {});
  return saved;
}
