import type { MessageCreatedPayload } from '../conversations/events.ts';
import { findMessage } from '../conversations/message-store.ts';
import { recordKnowledgeGap } from '../knowledge/acquisition/gaps/record-knowledge-gap.ts';
import type { BusEvent } from '../platform/bus/bus.ts';
import type { ServiceContext } from '../platform/context.ts';
import type { JobQueue } from '../platform/jobs/job-queue.ts';
import type { Lock } from '../platform/lock/lock.ts';

export const RECORD_GAP_JOB = 'kb.record-gap';

interface Subscriber {
  subscribe(topic: string, handler: (event: BusEvent, topic: string) => void | Promise<void>): () => void;
}

interface RecordGapPayload {
  workspaceId: string;
  conversationId: string;
  /** The customer's message the bot could not answer well. */
  questionMessageId: string;
  confidence: number | null;
  /** The bot's top intent, when it had one. */
  intent?: string | null;
}

/** The bot's decisions that mean "the knowledge base had no good answer": a fallback, or a clarifying question. */
const GAP_DECISIONS = new Set(['fallback', 'clarify']);
/** The bot's reply keys are `bot-<customer message id>-<n>`; the first reply of a turn stands for the turn. */
const FIRST_REPLY = /^bot-(msg_[0-9a-z]{26})-0$/;

/**
 * Knowledge gaps from the bot's turns: when the bot falls back or has to ask which of several articles was meant,
 * the customer's question is logged into its gap. Every process may see the event (Redis bus), so it becomes a job
 * keyed by the bot's message: recorded once. With a lock, a workspace's gaps are recorded one at a time, so two
 * near-duplicate questions arriving together join one gap instead of opening two.
 */
export function startKnowledgeGaps(
  ctx: ServiceContext,
  infrastructure: { bus: Subscriber; jobs: JobQueue; lock?: Lock },
): () => void {
  const { bus, jobs, lock } = infrastructure;
  jobs.handle<RecordGapPayload>(RECORD_GAP_JOB, async (payload) => {
    const question = await findMessage(ctx.db, payload.workspaceId, payload.questionMessageId);
    if (question?.senderType !== 'contact') return;
    const record = () =>
      recordKnowledgeGap(ctx, {
        workspaceId: payload.workspaceId,
        question: question.text,
        conversationId: payload.conversationId,
        confidence: payload.confidence,
        intent: payload.intent ?? null,
      });
    await (lock ? lock.withLock(`kb.gaps:${payload.workspaceId}`, 30_000, record, { waitMs: 30_000 }) : record());
  });
  return bus.subscribe('message.created', async (event) => {
    const { message } = event.payload as MessageCreatedPayload;
    if (message.senderType !== 'bot') return;
    const trigger = FIRST_REPLY.exec(message.clientMessageId)?.[1];
    const bot = message.meta.bot as
      | { decision?: string; evidence?: { knowledge?: { confidence: number }[]; intents?: { name: string }[] } }
      | undefined;
    if (!trigger || !bot?.decision || !GAP_DECISIONS.has(bot.decision)) return;
    const payload: RecordGapPayload = {
      workspaceId: message.workspaceId,
      conversationId: message.conversationId,
      questionMessageId: trigger,
      confidence: bot.evidence?.knowledge?.[0]?.confidence ?? null,
      intent: bot.evidence?.intents?.[0]?.name ?? null,
    };
    await jobs.enqueue(RECORD_GAP_JOB, payload, { jobKey: `${RECORD_GAP_JOB}:${message.id}` });
  });
}
