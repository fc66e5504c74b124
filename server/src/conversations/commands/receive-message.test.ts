import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../test/support/engines.ts';
import type { BusEvent } from '../../platform/bus/bus.ts';
import { listReportingEvents } from '../../platform/reporting.ts';
import { countMessages, listMessages } from '../message-store.ts';
import { countConversations } from '../store.ts';
import { type ConversationTestBed, createTestBed, seedWorkspace } from '../testing/context.ts';
import { receiveMessage } from './receive-message.ts';
import { transitionConversation } from './transition-conversation.ts';

describe.each(testEngines())('receiveMessage on %s', (engine) => {
  let bed: ConversationTestBed;
  let seeded: Awaited<ReturnType<typeof seedWorkspace>>;
  const published: BusEvent[] = [];

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    seeded = await seedWorkspace(bed.ctx);
    published.length = 0;
    bed.bus.subscribe('*', (event) => {
      published.push(event);
    });
  });
  afterEach(async () => bed.dispose());

  const fromVisitor = (clientMessageId: string, text: string) =>
    receiveMessage(bed.ctx, {
      workspaceId: seeded.workspace.id,
      target: { inboxId: seeded.inbox.id, contactId: seeded.visitor.contact.id },
      sender: { type: 'contact', id: seeded.visitor.contact.id },
      actor: { type: 'contact', id: seeded.visitor.contact.id },
      clientMessageId,
      text,
    });

  it('opens a queued conversation on the first message and numbers messages by seq', async () => {
    const first = await fromVisitor('c-1', '你好，我的订单还没到');
    const second = await fromVisitor('c-2', '订单号是 20261126001');
    expect(first.conversation.status).toBe('queued');
    expect(first.message).toMatchObject({
      seq: 1,
      senderType: 'contact',
      text: '你好，我的订单还没到',
      private: false,
    });
    expect(second.message.seq).toBe(2);
    expect(second.conversation.id).toBe(first.conversation.id);
    const stored = await listMessages(bed.ctx.db, seeded.workspace.id, first.conversation.id, { includePrivate: true });
    expect(stored.map((m) => m.text)).toEqual(['你好，我的订单还没到', '订单号是 20261126001']);

    const events = await listReportingEvents(bed.ctx.db, seeded.workspace.id);
    expect(events.map((e) => e.type)).toEqual(['conversation.opened', 'message.created', 'message.created']);
    // Reports slice by the channel and the customer's tier at opening.
    expect(events[0]?.data).toMatchObject({ channel: 'web_widget', tier: 'new' });
    await bed.bus.settle();
    expect(published.filter((e) => e.type === 'message.created')).toHaveLength(2);
    expect(published.filter((e) => e.type === 'conversation.updated')).toHaveLength(1);
  });

  it('reports each message’s language, the customer’s sentiment, and the first message’s language at opening', async () => {
    const angry = await fromVisitor('s-1', '你们的客服太差劲了，我等了三天都没有人回复！！');
    await fromVisitor('s-2', 'Thank you so much, that is great!');
    await fromVisitor('s-3', '我的 iPhone order 还没到 please check');
    await fromVisitor('s-4', '20261126 👍');
    await receiveMessage(bed.ctx, {
      workspaceId: seeded.workspace.id,
      target: { conversationId: angry.conversation.id },
      sender: { type: 'agent', id: 'usr_01jdemoagent0000000000000a' },
      actor: { type: 'user', id: 'usr_01jdemoagent0000000000000a' },
      clientMessageId: 'a-1',
      text: 'Sorry for the wait, terrible delay on our side',
    });
    const events = await listReportingEvents(bed.ctx.db, seeded.workspace.id);
    expect(events.find((e) => e.type === 'conversation.opened')?.data).toMatchObject({ language: 'zh' });
    const created = events.filter((e) => e.type === 'message.created').map((e) => e.data);
    expect(created[0]).toMatchObject({ senderType: 'contact', language: 'zh' });
    expect(created[0]?.sentiment).toBeLessThan(-0.3);
    expect(created[1]).toMatchObject({ language: 'en' });
    expect(created[1]?.sentiment).toBeGreaterThan(0.3);
    expect(created[2]).toMatchObject({ language: 'mixed' });
    expect(typeof created[2]?.sentiment).toBe('number');
    // No letters: no language; the customer's sentiment is still read (the thumbs-up is positive).
    expect(created[3]).not.toHaveProperty('language');
    expect(created[3]?.sentiment).toBeGreaterThan(0);
    // Staff write in a language too, but their wording is not the customer's mood.
    expect(created[4]).toMatchObject({ senderType: 'agent', language: 'en' });
    expect(created[4]).not.toHaveProperty('sentiment');
  });

  it('gives an English first message’s language to the conversation it opens', async () => {
    await fromVisitor('e-1', 'Where is my parcel?');
    await fromVisitor('e-2', '还没到');
    const opened = await listReportingEvents(bed.ctx.db, seeded.workspace.id, { type: 'conversation.opened' });
    expect(opened).toHaveLength(1);
    expect(opened[0]?.data).toMatchObject({ language: 'en' });
  });

  it('returns the original message for a repeated clientMessageId: one row, one event', async () => {
    const first = await fromVisitor('same', '请问什么时候发货？');
    const again = await fromVisitor('same', '请问什么时候发货？（重发）');
    expect(again.duplicate).toBe(true);
    expect(again.message.id).toBe(first.message.id);
    expect(again.message.text).toBe('请问什么时候发货？');
    expect(await countMessages(bed.ctx.db, seeded.workspace.id)).toBe(1);
    const events = await listReportingEvents(bed.ctx.db, seeded.workspace.id, { type: 'message.created' });
    expect(events).toHaveLength(1);
  });

  it('stores exactly one row when the same clientMessageId arrives 20 times at once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => fromVisitor('parallel-1', '在吗？')));
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await countMessages(bed.ctx.db, seeded.workspace.id)).toBe(1);
    expect(await countConversations(bed.ctx.db, seeded.workspace.id)).toBe(1);
    expect(await listReportingEvents(bed.ctx.db, seeded.workspace.id, { type: 'message.created' })).toHaveLength(1);
  });

  it('answers repeats among new messages sent at once, on a remembered conversation or not, and stores the rest', async () => {
    const first = await fromVisitor('kept', '我想退货，怎么操作');
    const known = first.conversation.id;
    const onKnown = (clientMessageId: string, text: string) =>
      receiveMessage(bed.ctx, {
        workspaceId: seeded.workspace.id,
        target: { inboxId: seeded.inbox.id, contactId: seeded.visitor.contact.id, knownConversationId: known },
        sender: { type: 'contact', id: seeded.visitor.contact.id },
        actor: { type: 'contact', id: seeded.visitor.contact.id },
        clientMessageId,
        text,
      });
    // One batch on SQLite: repeats (with and without the remembered conversation) between new messages.
    const results = await Promise.all([
      onKnown('new-1', '能开发票吗？'),
      onKnown('kept', '我想退货，怎么操作（重发）'),
      fromVisitor('kept', '我想退货，怎么操作（再发）'),
      onKnown('new-2', 'Where is my parcel?'),
    ]);
    expect(results.map((r) => r.duplicate)).toEqual([false, true, true, false]);
    expect(results[1]?.message.id).toBe(first.message.id);
    expect(results[2]?.message.id).toBe(first.message.id);
    expect([results[0]?.message.seq, results[3]?.message.seq].sort()).toEqual([2, 3]);
    expect(await countMessages(bed.ctx.db, seeded.workspace.id)).toBe(3);
    expect(await listReportingEvents(bed.ctx.db, seeded.workspace.id, { type: 'message.created' })).toHaveLength(3);
  });

  it('gives distinct, gap-free seqs to concurrent different messages', async () => {
    await fromVisitor('warm', '你好');
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => fromVisitor(`m-${i}`, `第${i}条消息`)));
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 2),
    );
  });

  it('reopens a resolved conversation when the customer writes, and opens a new one after close', async () => {
    const first = await fromVisitor('a', '退货怎么办理？');
    const actor = { type: 'system' as const, id: null };
    await transitionConversation(bed.ctx, {
      workspaceId: seeded.workspace.id,
      conversationId: first.conversation.id,
      to: 'resolved',
      actor,
    });
    const reopened = await fromVisitor('b', '还有一个问题');
    expect(reopened.conversation.id).toBe(first.conversation.id);
    expect(reopened.conversation.status).toBe('queued');

    await transitionConversation(bed.ctx, {
      workspaceId: seeded.workspace.id,
      conversationId: first.conversation.id,
      to: 'closed',
      actor,
    });
    const fresh = await fromVisitor('c', '我又来了');
    expect(fresh.conversation.id).not.toBe(first.conversation.id);
    expect(fresh.message.seq).toBe(1);
    const transitions = await listReportingEvents(bed.ctx.db, seeded.workspace.id, {
      type: 'conversation.transitioned',
    });
    expect(transitions.map((e) => `${e.data.from}→${e.data.to}:${e.data.reason}`)).toEqual([
      'queued→resolved:manual',
      'resolved→queued:customer_wrote',
      'queued→closed:manual',
    ]);
  });

  it('lets an agent take a queued conversation by replying; internal notes change nothing', async () => {
    const { conversation } = await fromVisitor('q', '能开发票吗？');
    const agent = 'usr_01jdemoagent0000000000000a';
    const note = await receiveMessage(bed.ctx, {
      workspaceId: seeded.workspace.id,
      target: { conversationId: conversation.id },
      sender: { type: 'agent', id: agent },
      actor: { type: 'user', id: agent },
      clientMessageId: 'note-1',
      text: '客户是老用户，优先处理',
      private: true,
      takeAsAgent: agent,
    });
    expect(note.conversation.status).toBe('queued');
    const reply = await receiveMessage(bed.ctx, {
      workspaceId: seeded.workspace.id,
      target: { conversationId: conversation.id },
      sender: { type: 'agent', id: agent },
      actor: { type: 'user', id: agent },
      clientMessageId: 'reply-1',
      text: '可以的，请提供抬头',
      takeAsAgent: agent,
    });
    expect(reply.conversation).toMatchObject({ status: 'assigned', assigneeId: agent });
    const visible = await listMessages(bed.ctx.db, seeded.workspace.id, conversation.id, { includePrivate: false });
    expect(visible.map((m) => m.text)).toEqual(['能开发票吗？', '可以的，请提供抬头']);
  });

  it('never finds another workspace’s conversation', async () => {
    const { conversation } = await fromVisitor('x', '你好');
    const other = await seedWorkspace(bed.ctx, '另一家店');
    await expect(
      receiveMessage(bed.ctx, {
        workspaceId: other.workspace.id,
        target: { conversationId: conversation.id },
        sender: { type: 'agent', id: null },
        actor: { type: 'system', id: null },
        clientMessageId: 'y',
        text: '越权',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await countMessages(bed.ctx.db, seeded.workspace.id)).toBe(1);
    expect(await countMessages(bed.ctx.db, other.workspace.id)).toBe(0);
  });
});
