import { identifyVisitor } from '../conversations/commands/identify-visitor.ts';
import { receiveMessage } from '../conversations/commands/receive-message.ts';
import { transitionConversation } from '../conversations/commands/transition-conversation.ts';
import type { ServiceContext } from '../platform/context.ts';

type Line = ['contact' | 'agent', string];

/** Two conversations so the console is not empty on a first look: one resolved in Chinese, one waiting in English. */
const SAMPLES: Array<{ locale: string; lines: Line[]; resolve: boolean }> = [
  {
    locale: 'zh-CN',
    resolve: true,
    lines: [
      ['contact', '你好，我买的蓝牙耳机左耳没有声音，可以换货吗？'],
      ['agent', '您好，非常抱歉给您带来不便！请提供一下订单号，我马上为您安排换货。'],
      ['contact', '订单号是 LX202611200018'],
      ['agent', '已为您登记换货，快递员明天上午会上门取件，新耳机会在取件后 2 天内寄出。'],
      ['contact', '好的，谢谢！'],
    ],
  },
  {
    locale: 'en',
    resolve: false,
    lines: [['contact', 'Hi, could I get a VAT invoice for my order from last week?']],
  },
];

export async function seedSampleConversations(
  ctx: ServiceContext,
  workspaceId: string,
  agent: { id: string },
): Promise<void> {
  for (const [index, sample] of SAMPLES.entries()) {
    const visitor = await identifyVisitor(ctx, { workspaceId, locale: sample.locale });
    let conversationId: string | undefined;
    for (const [turn, [who, text]] of sample.lines.entries()) {
      const clientMessageId = `demo-${index}-${turn}`;
      const received =
        who === 'contact'
          ? await receiveMessage(ctx, {
              workspaceId,
              target: { inboxId: visitor.inbox.id, contactId: visitor.contact.id },
              sender: { type: 'contact', id: visitor.contact.id },
              actor: { type: 'contact', id: visitor.contact.id },
              clientMessageId,
              text,
              openAs: 'queued',
            })
          : await receiveMessage(ctx, {
              workspaceId,
              target: { conversationId: conversationId as string },
              sender: { type: 'agent', id: agent.id },
              actor: { type: 'user', id: agent.id },
              clientMessageId,
              text,
              takeAsAgent: agent.id,
            });
      conversationId = received.conversation.id;
    }
    if (sample.resolve && conversationId) {
      await transitionConversation(ctx, {
        workspaceId,
        conversationId,
        to: 'resolved',
        actor: { type: 'user', id: agent.id },
        reason: 'demo',
      });
    }
  }
}
