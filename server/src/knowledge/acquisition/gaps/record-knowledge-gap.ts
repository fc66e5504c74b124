import type { ServiceContext } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { appendReportingEvent } from '../../../platform/reporting.ts';
import { MAX_TITLE_LENGTH } from '../../schema.ts';
import { countGapQuestion, insertGap, insertGapQuestion, listOpenGapHeads } from '../gap-store.ts';
import { guessLanguage } from '../import/document.ts';
import { overlap, questionKey, shingles } from '../mining/similarity.ts';

export interface RecordKnowledgeGapOptions {
  workspaceId: string;
  /** What the customer asked. */
  question: string;
  conversationId: string | null;
  /** The confidence of the best answer the bot had, or null/0 when it had none. */
  confidence: number | null;
  /** The bot's top intent for the question, when it had one (reports slice gaps by it). */
  intent?: string | null;
}

/** Overlap at which a question belongs to an existing gap. */
const SAME_GAP = 0.5;
const MAX_QUESTION = 500;

/**
 * Logs a question the bot could not answer, or answered with low confidence, into the gap it belongs to (a cluster
 * of near-duplicate questions), or a new gap. Returns the gap's id; questions without content (greetings, emoji)
 * are not gaps and return null.
 */
export async function recordKnowledgeGap(
  ctx: ServiceContext,
  options: RecordKnowledgeGapOptions,
): Promise<string | null> {
  const { workspaceId, conversationId } = options;
  const question = options.question.trim().slice(0, MAX_QUESTION);
  if (questionKey(question).length < 2) return null;
  const confidence =
    options.confidence === null || !Number.isFinite(options.confidence)
      ? null
      : Math.min(1, Math.max(0, options.confidence));
  const unanswered = confidence === null || confidence === 0;
  const signature = shingles(question);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    let gapId: string | undefined;
    let best = SAME_GAP;
    for (const gap of await listOpenGapHeads(trx, workspaceId)) {
      const score = overlap(signature, shingles(gap.question));
      if (score >= best) {
        best = score;
        gapId = gap.id;
      }
    }
    if (gapId) await countGapQuestion(trx, workspaceId, gapId, now, unanswered);
    else {
      gapId = newId('kbgap');
      await insertGap(trx, {
        id: gapId,
        workspace_id: workspaceId,
        question: question.slice(0, MAX_TITLE_LENGTH),
        language: guessLanguage(question),
        status: 'open',
        count: 1,
        unanswered_count: unanswered ? 1 : 0,
        first_at: now,
        last_at: now,
      });
    }
    await insertGapQuestion(trx, {
      id: newId('kbgq'),
      workspace_id: workspaceId,
      gap_id: gapId,
      question,
      conversation_id: conversationId,
      confidence,
      at: now,
    });
    // Analytics' knowledge-gap rate and the post-mortem's "knowledge gap" cause read this, committed with the gap.
    await appendReportingEvent(trx, {
      workspaceId,
      type: 'knowledge.gap',
      conversationId,
      actor: { type: 'system', id: null },
      data: {
        gapId,
        question: question.slice(0, MAX_TITLE_LENGTH),
        ...(options.intent ? { intent: options.intent } : {}),
        confidence,
        unanswered,
      },
      at: now,
    });
    return gapId;
  });
}
