import type { ServiceContext } from '../platform/context.ts';
import { type BotState, sentimentTrend, slotValues } from './context.ts';
import { loadState } from './store.ts';

/** What an agent reads first when a conversation reaches them: why, what the customer wants, what was tried. */
export interface HandoffBrief {
  reason: string | null;
  team: string | null;
  handedOffAt: number | null;
  intent: string | null;
  /** Slots the bot filled: order number, address … */
  entities: Record<string, string>;
  sentiment: { scores: number[]; trend: number; anger: number };
  tried: Array<{ kind: string; reason: string; detail?: string; at: number }>;
  /** The customer's last messages, verbatim (shown as text, never as HTML). */
  customerWords: string[];
  turnCount: number;
}

export function briefOf(state: BotState): HandoffBrief {
  return {
    reason: state.handoff?.reason ?? null,
    team: state.handoff?.team ?? null,
    handedOffAt: state.handoff?.at ?? null,
    intent: state.currentIntent,
    entities: slotValues(state),
    sentiment: { scores: state.sentiment, trend: sentimentTrend(state), anger: state.anger },
    tried: state.tried,
    customerWords: state.customerWords,
    turnCount: state.turnCount,
  };
}

/** The brief of a conversation, or undefined when the bot never spoke in it. */
export async function findHandoffBrief(
  ctx: ServiceContext,
  workspaceId: string,
  conversationId: string,
): Promise<HandoffBrief | undefined> {
  const stored = await loadState(ctx.db, workspaceId, conversationId);
  return stored.version === 0 ? undefined : briefOf(stored.state);
}
