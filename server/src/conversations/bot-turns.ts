import type { ServiceContext } from '../platform/context.ts';
import { runBotTurn } from './commands/bot-turn.ts';
import type { ConversationRecord, MessageRecord } from './schema.ts';

/**
 * Bot turns run after the customer's message is committed and acknowledged, one at a time per conversation and in
 * the order the messages were stored, so "那退款呢?" is read after the question it follows. Pending turns are
 * tracked per database handle so tests, the CLI and shutdown can wait for them.
 */
interface Turns {
  chains: Map<string, Promise<void>>;
  pending: Set<Promise<void>>;
}

const TURNS = new WeakMap<object, Turns>();

function turnsOf(ctx: ServiceContext): Turns {
  let turns = TURNS.get(ctx.db);
  if (!turns) {
    turns = { chains: new Map(), pending: new Set() };
    TURNS.set(ctx.db, turns);
  }
  return turns;
}

export function scheduleBotTurn(
  ctx: ServiceContext,
  trigger: { message: MessageRecord; conversation: ConversationRecord },
): Promise<void> {
  const turns = turnsOf(ctx);
  const key = trigger.message.conversationId;
  const previous = turns.chains.get(key) ?? Promise.resolve();
  const run = previous
    .then(() => runBotTurn(ctx, trigger))
    .catch((error: unknown) => {
      // The customer's message is stored whatever happens here; an agent will see it.
      ctx.logger.error({ err: error, conversationId: key }, 'bot turn failed');
    });
  turns.chains.set(key, run);
  turns.pending.add(run);
  void run.finally(() => {
    turns.pending.delete(run);
    if (turns.chains.get(key) === run) turns.chains.delete(key);
  });
  return run;
}

/** Resolves when every bot turn started so far (and any they started) has finished. */
export async function settleBotTurns(ctx: ServiceContext): Promise<void> {
  const turns = turnsOf(ctx);
  while (turns.pending.size > 0) await Promise.all([...turns.pending]);
}
