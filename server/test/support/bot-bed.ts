import { seedDemoBot } from '../../src/bot/demo/seed-demo-bot.ts';
import { configureBot } from '../../src/bot/index.ts';
import { findBotConfig, saveBotConfig } from '../../src/bot/store.ts';
import { settleBotTurns } from '../../src/conversations/bot-turns.ts';
import { identifyVisitor } from '../../src/conversations/commands/identify-visitor.ts';
import { receiveAndAnswer } from '../../src/conversations/commands/receive-customer-message.ts';
import { listMessages } from '../../src/conversations/message-store.ts';
import type { MessageRecord } from '../../src/conversations/schema.ts';
import { type ConversationTestBed, createTestBed, seedWorkspace } from '../../src/conversations/testing/context.ts';
import type { Engine } from '../../src/platform/db/database.ts';
import { fromJson } from '../../src/platform/db/dialect.ts';
import { type BusinessApi, startBusinessApi } from './business-api.ts';
import { openTestDatabase } from './engines.ts';

/** A real database with the demo bot, a local business API for flow actions, and a way to talk as a customer. */
export interface BotBed extends ConversationTestBed {
  workspaceId: string;
  inboxId: string;
  api: BusinessApi;
  events: Array<{ topic: string; payload: unknown }>;
  newCustomer(locale?: string): Promise<Customer>;
  /** Changes the demo bot's settings (merged into the stored ones). */
  setSettings(patch: Record<string, unknown>): Promise<void>;
}

export interface Customer {
  contactId: string;
  conversationId(): string | undefined;
  /** Sends a message and waits for the bot's turn; returns the bot's replies to it. */
  say(text: string, clientMessageId?: string): Promise<MessageRecord[]>;
  transcript(): Promise<MessageRecord[]>;
}

let counter = 0;

export async function createBotBed(engine: Engine = 'sqlite'): Promise<BotBed> {
  const bed = createTestBed(await openTestDatabase(engine));
  const { workspace, inbox } = await seedWorkspace(bed.ctx);
  await seedDemoBot(bed.ctx, workspace.id);
  const api = await startBusinessApi();
  configureBot(bed.ctx, { selfUrl: api.url });
  const events: BotBed['events'] = [];
  bed.bus.subscribe('conversation.*', (event, topic) => {
    events.push({ topic, payload: event.payload });
  });
  return {
    ...bed,
    workspaceId: workspace.id,
    inboxId: inbox.id,
    api,
    events,
    async setSettings(patch) {
      const config = await findBotConfig(bed.ctx.db, workspace.id);
      const settings = { ...fromJson<Record<string, unknown>>(config?.settings, {}), ...patch };
      await saveBotConfig(bed.ctx.db, {
        workspaceId: workspace.id,
        enabled: true,
        settings,
        intents: fromJson(config?.intents, []),
        now: bed.clock.now(),
      });
      const { forgetWorkspaceBot } = await import('../../src/bot/index.ts');
      forgetWorkspaceBot(bed.ctx, workspace.id);
    },
    async newCustomer(locale = 'zh-CN') {
      const visitor = await identifyVisitor(bed.ctx, { workspaceId: workspace.id, locale });
      let conversationId: string | undefined;
      const customer: Customer = {
        contactId: visitor.contact.id,
        conversationId: () => conversationId,
        async say(text, clientMessageId = `c-${++counter}`) {
          const received = await receiveAndAnswer(bed.ctx, {
            workspaceId: workspace.id,
            target: { inboxId: inbox.id, contactId: visitor.contact.id },
            sender: { type: 'contact', id: visitor.contact.id },
            actor: { type: 'contact', id: visitor.contact.id },
            clientMessageId,
            text,
          });
          conversationId = received.conversation.id;
          await received.botTurn;
          await settleBotTurns(bed.ctx);
          await bed.bus.settle();
          const all = await listMessages(bed.ctx.db, workspace.id, received.conversation.id, { includePrivate: true });
          return all.filter(
            (m) => m.senderType === 'bot' && m.clientMessageId.startsWith(`bot-${received.message.id}-`),
          );
        },
        async transcript() {
          if (!conversationId) return [];
          return listMessages(bed.ctx.db, workspace.id, conversationId, { includePrivate: true });
        },
      };
      return customer;
    },
    async dispose() {
      await settleBotTurns(bed.ctx);
      await api.close();
      await bed.dispose();
    },
  };
}

/** The bot part of a message's meta. */
export function botMeta(message: MessageRecord | undefined) {
  return (message?.meta as { bot?: { decision: string; reason: string; evidence: Record<string, unknown> } })?.bot;
}
