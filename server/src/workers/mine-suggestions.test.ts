import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../test/support/engines.ts';
import { identifyVisitor } from '../conversations/commands/identify-visitor.ts';
import { receiveMessage } from '../conversations/commands/receive-message.ts';
import { transitionConversation } from '../conversations/commands/transition-conversation.ts';
import { type ConversationTestBed, createTestBed, seedWorkspace } from '../conversations/testing/context.ts';
import { listSuggestions } from '../knowledge/acquisition/suggestion-store.ts';
import { createArticle } from '../knowledge/commands/create-article.ts';
import { reviewArticle } from '../knowledge/commands/review-article.ts';
import { createUser } from '../security/commands/create-user.ts';
import { mineWorkspace } from './mine-suggestions.ts';

describe.each(testEngines())('mining resolved conversations on %s', (engine) => {
  let bed: ConversationTestBed;
  let workspaceId: string;
  let inboxId: string;
  const agent = { type: 'user' as const, id: 'usr_01jdemoagent0000000000000a' };

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    const seeded = await seedWorkspace(bed.ctx);
    workspaceId = seeded.workspace.id;
    inboxId = seeded.inbox.id;
  });
  afterEach(async () => bed.dispose());

  /** One customer, one conversation: the customer asks, an agent answers, the agent resolves it. */
  const converse = async (turns: [string, string][], resolve = true) => {
    const visitor = await identifyVisitor(bed.ctx, { workspaceId, locale: 'zh-CN' });
    const contact = visitor.contact.id;
    let conversationId = '';
    let n = 0;
    for (const [question, answer] of turns) {
      const asked = await receiveMessage(bed.ctx, {
        workspaceId,
        target: conversationId ? { conversationId } : { inboxId, contactId: contact },
        sender: { type: 'contact', id: contact },
        actor: { type: 'contact', id: contact },
        clientMessageId: `q${n++}`,
        text: question,
      });
      conversationId = asked.conversation.id;
      await receiveMessage(bed.ctx, {
        workspaceId,
        target: { conversationId },
        sender: { type: 'agent', id: agent.id },
        actor: agent,
        clientMessageId: `a${n++}`,
        text: answer,
        takeAsAgent: agent.id,
      });
    }
    if (resolve) await transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'resolved', actor: agent });
    return conversationId;
  };

  it('suggests what agents answered again and again, with links, leaving out what the knowledge base answers', async () => {
    const refunds = [
      await converse([['请问怎么申请退款？', '在订单详情页点击“申请退款”，审核通过后 1-3 个工作日原路退回。']]),
      await converse([['申请退款怎么操作', '订单详情页点“申请退款”就可以，审核后 1-3 个工作日退回。']]),
      await converse([['怎么申请退款啊', '请在订单详情页点击申请退款，1-3 个工作日原路退回。']]),
    ];
    await converse([['发票怎么开', '下单时勾选开具发票即可。']]);
    await converse([['怎么开发票', '在订单详情页申请开票。']]);
    // Still open: not mined.
    await converse([['怎么申请退款', '订单详情页申请。']], false);

    // The knowledge base already answers the invoice question (published), so it is not suggested.
    const editor = await createUser(bed.ctx, {
      workspaceId,
      input: {
        email: 'e@example.test',
        name: 'e',
        role: 'kb_editor',
        password: 'a long enough password',
        locale: 'zh-CN',
      },
      actor: { kind: 'anonymous' },
    });
    const reviewer = await createUser(bed.ctx, {
      workspaceId,
      input: {
        email: 'r@example.test',
        name: 'r',
        role: 'kb_reviewer',
        password: 'a long enough password',
        locale: 'zh-CN',
      },
      actor: { kind: 'anonymous' },
    });
    const invoice = await createArticle(bed.ctx, {
      workspaceId,
      input: {
        kind: 'faq',
        language: 'zh',
        title: '发票怎么开',
        alternates: ['怎么开发票', '如何开具发票'],
        answer: '<p>下单时勾选开具发票。</p>',
      },
      actor: { type: 'user', id: editor.id },
    });
    await reviewArticle(bed.ctx, {
      workspaceId,
      articleId: invoice.id,
      action: 'submit',
      version: 1,
      actor: { type: 'user', id: editor.id },
    });
    await reviewArticle(bed.ctx, {
      workspaceId,
      articleId: invoice.id,
      action: 'publish',
      version: 1,
      actor: { type: 'user', id: reviewer.id },
    });

    const report = await mineWorkspace(bed.ctx, workspaceId);
    expect(report).toMatchObject({ conversations: 5, candidates: 2, alreadyAnswered: 1, created: 1 });
    const [suggestion, ...rest] = await listSuggestions(bed.ctx.db, workspaceId);
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({ status: 'pending', frequency: 3, language: 'zh' });
    expect(suggestion?.question).toMatch(/申请退款/);
    expect(suggestion?.answer).toMatch(/1-3 个工作日/);
    expect(suggestion?.conversationIds.sort()).toEqual([...refunds].sort());

    // Mining again finds nothing new to add.
    expect(await mineWorkspace(bed.ctx, workspaceId)).toMatchObject({ created: 0, refreshed: 1 });
  });
});
