import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { toFlag } from '../../platform/db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { knowledgeIndex } from '../index-registry.ts';
import { insertFeedback } from '../retrieval-store.ts';
import { Line } from '../schema.ts';
import { parseInput } from '../validate.ts';

export const FeedbackInput = z.strictObject({
  query: Line(1_000),
  docId: z.string().regex(/^kba_[0-9a-hjkmnp-tv-z]{26}(#\d{1,5})?$/, 'must be an article or passage id'),
  resolved: z.boolean(),
});
export type FeedbackInput = z.input<typeof FeedbackInput>;

/**
 * Which answer resolved a customer's question (or did not): kept, and taught to the index at once, so the next
 * customer who asks the same way gets the answer that worked. Only served documents can receive feedback.
 */
export async function recordFeedback(
  ctx: ServiceContext,
  options: { workspaceId: string; input: FeedbackInput },
): Promise<void> {
  const input = parseInput(FeedbackInput, options.input);
  const knowledge = await knowledgeIndex(ctx).workspace(options.workspaceId);
  if (!knowledge.index.has(input.docId)) throw notFound('Published article');
  await insertFeedback(ctx.db, {
    workspace_id: options.workspaceId,
    query: input.query,
    doc_id: input.docId,
    article_id: input.docId.split('#')[0] as string,
    resolved: toFlag(input.resolved),
    at: ctx.clock.now(),
  });
  knowledge.index.learnFromFeedback(input.query, input.docId, input.resolved);
}
