import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../test/support/engines.ts';
import { listReportingEvents } from '../../platform/reporting.ts';
import { findConversation } from '../store.ts';
import { type ConversationTestBed, createTestBed, seedWorkspace } from '../testing/context.ts';
import { receiveMessage } from './receive-message.ts';
import { transitionConversation } from './transition-conversation.ts';

describe.each(testEngines())('transitionConversation on %s', (engine) => {
  let bed: ConversationTestBed;
  let workspaceId: string;
  let conversationId: string;
  const actor = { type: 'user' as const, id: 'usr_01jdemoagent0000000000000a' };

  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    const seeded = await seedWorkspace(bed.ctx);
    workspaceId = seeded.workspace.id;
    const received = await receiveMessage(bed.ctx, {
      workspaceId,
      target: { inboxId: seeded.inbox.id, contactId: seeded.visitor.contact.id },
      sender: { type: 'contact', id: seeded.visitor.contact.id },
      actor: { type: 'contact', id: seeded.visitor.contact.id },
      clientMessageId: 'first',
      text: '我要投诉，快递员态度很差',
    });
    conversationId = received.conversation.id;
  });
  afterEach(async () => bed.dispose());

  it('assigns, reassigns and resolves, with one reporting event per change', async () => {
    const a = await transitionConversation(bed.ctx, {
      workspaceId,
      conversationId,
      to: 'assigned',
      assigneeId: 'usr_a',
      actor,
    });
    expect(a.conversation).toMatchObject({ status: 'assigned', assigneeId: 'usr_a' });
    const same = await transitionConversation(bed.ctx, {
      workspaceId,
      conversationId,
      to: 'assigned',
      assigneeId: 'usr_a',
      actor,
    });
    expect(same.changed).toBe(false);
    await transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'assigned', assigneeId: 'usr_b', actor });
    const done = await transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'resolved', actor });
    expect(done.conversation).toMatchObject({ status: 'resolved', assigneeId: 'usr_b' });
    const events = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'conversation.transitioned' });
    expect(events.map((e) => `${e.data.from}→${e.data.to}`)).toEqual([
      'queued→assigned',
      'assigned→assigned',
      'assigned→resolved',
    ]);
  });

  it('refuses an illegal transition with 409 and writes nothing', async () => {
    await transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'closed', actor });
    const before = await listReportingEvents(bed.ctx.db, workspaceId);
    await expect(
      transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'queued', actor }),
    ).rejects.toMatchObject({
      code: 'illegal_transition',
      status: 409,
      details: { from: 'closed', to: 'queued' },
    });
    expect(await listReportingEvents(bed.ctx.db, workspaceId)).toHaveLength(before.length);
    expect((await findConversation(bed.ctx.db, workspaceId, conversationId))?.status).toBe('closed');
  });

  it('judges racing transitions one after the other: two closes, exactly one wins', async () => {
    const results = await Promise.allSettled([
      transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'closed', actor }),
      transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'closed', actor }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'illegal_transition' });
    const closes = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'conversation.transitioned' });
    expect(closes).toHaveLength(1);
  });

  it('keeps the event chain consistent when an assign and a resolve race', async () => {
    await Promise.allSettled([
      transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'assigned', assigneeId: 'usr_a', actor }),
      transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'resolved', actor }),
    ]);
    const events = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'conversation.transitioned' });
    let status = 'queued';
    for (const event of events) {
      expect(event.data.from).toBe(status);
      status = event.data.to as string;
    }
    expect((await findConversation(bed.ctx.db, workspaceId, conversationId))?.status).toBe(status);
  });

  it('does not see another workspace’s conversation', async () => {
    const other = await seedWorkspace(bed.ctx, '别人的店');
    await expect(
      transitionConversation(bed.ctx, { workspaceId: other.workspace.id, conversationId, to: 'closed', actor }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
