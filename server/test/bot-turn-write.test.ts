import { afterEach, describe, expect, it } from 'vitest';
import { configureBot } from '../src/bot/index.ts';
import { loadState } from '../src/bot/store.ts';
import type { MessageCreatedPayload } from '../src/conversations/events.ts';
import { type BotBed, createBotBed } from './support/bot-bed.ts';
import { testEngines } from './support/engines.ts';

/**
 * A bot turn is one write: its state, its `bot.turn` event and its replies commit together or not at all, and a
 * reply is announced only after that commit.
 */
describe.each(testEngines())('a bot turn written as one transaction on %s', (engine) => {
  let bed: BotBed | undefined;
  afterEach(async () => {
    await bed?.dispose();
    bed = undefined;
  });

  /** The bot messages announced on the bus (the bed itself records only conversation.* topics). */
  const announcedBotMessages = (b: BotBed) => {
    const ids: string[] = [];
    b.bus.subscribe('message.created', (event) => {
      const { message } = event.payload as MessageCreatedPayload;
      if (message.senderType === 'bot') ids.push(message.id);
    });
    return ids;
  };

  const botTurnEvents = async (b: BotBed, conversationId: string) =>
    b.ctx.db
      .selectFrom('reporting_events')
      .select(['id'])
      .where('conversation_id', '=', conversationId)
      .where('type', '=', 'bot.turn')
      .execute();

  it('stores the state, the bot.turn event and the reply together, and announces the reply', async () => {
    bed = await createBotBed(engine);
    const announced = announcedBotMessages(bed);
    const customer = await bed.newCustomer();
    const replies = await customer.say('你好');
    const conversationId = customer.conversationId() as string;
    expect(replies).toHaveLength(1);
    expect(replies[0]?.seq).toBe(2);
    expect(await botTurnEvents(bed, conversationId)).toHaveLength(1);
    expect((await loadState(bed.ctx.db, bed.workspaceId, conversationId)).state.lastHandledSeq).toBe(1);
    expect(announced).toEqual([replies[0]?.id]);
  });

  it('saves nothing of the turn and announces nothing when its reply cannot be stored', async () => {
    bed = await createBotBed(engine);
    const b = bed;
    const customer = await b.newCustomer();
    await customer.say('你好');
    const conversationId = customer.conversationId() as string;
    // The conversation closes while the bot is deciding (here: during its knowledge search), so the reply has no
    // seq to take: the state and the bot.turn event written before it in the same transaction must roll back.
    let searched = 0;
    configureBot(b.ctx, {
      knowledge: async () => {
        searched++;
        await b.ctx.db
          .updateTable('conversations')
          .set({ status: 'closed' })
          .where('id', '=', conversationId)
          .execute();
        return [];
      },
    });
    const announced = announcedBotMessages(b);
    const replies = await customer.say('你们支持开发票吗？');
    expect(searched).toBeGreaterThan(0);
    expect(replies).toEqual([]);
    expect(await botTurnEvents(b, conversationId)).toHaveLength(1);
    expect((await loadState(b.ctx.db, b.workspaceId, conversationId)).state.lastHandledSeq).toBe(1);
    expect(announced).toEqual([]);
  });
});
