import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, testEngines } from '../../test/support/engines.ts';
import { receiveMessage } from '../conversations/commands/receive-message.ts';
import { type ConversationTestBed, createTestBed, seedWorkspace } from '../conversations/testing/context.ts';
import { listGaps } from '../knowledge/acquisition/gaps/list-gaps.ts';
import { DbJobQueue } from '../platform/jobs/db-job-queue.ts';
import { LocalLock } from '../platform/lock/local-lock.ts';
import { listReportingEvents } from '../platform/reporting.ts';
import { startKnowledgeGaps } from './knowledge-gaps.ts';

describe.each(testEngines())('knowledge gaps from the bot’s turns on %s', (engine) => {
  let bed: ConversationTestBed;
  let jobs: DbJobQueue;
  let stop: () => void;
  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    jobs = new DbJobQueue({ db: bed.ctx.db, clock: bed.clock, logger: bed.ctx.logger, pollIntervalMs: 10 });
    // Jobs run four at a time; the lock makes the workspace's gaps one at a time.
    stop = startKnowledgeGaps(bed.ctx, { bus: bed.bus, jobs, lock: new LocalLock({ clock: bed.clock }) });
    await jobs.start();
  });
  afterEach(async () => {
    stop();
    await jobs.close();
    await bed.dispose();
  });

  it('logs the questions the bot fell back on or had to clarify, once per turn', async () => {
    const { workspace, inbox, visitor } = await seedWorkspace(bed.ctx);
    const contact = visitor.contact.id;
    let n = 0;
    const turn = async (question: string, decision: string, confidence?: number) => {
      const asked = await receiveMessage(bed.ctx, {
        workspaceId: workspace.id,
        target: { inboxId: inbox.id, contactId: contact },
        sender: { type: 'contact', id: contact },
        actor: { type: 'contact', id: contact },
        clientMessageId: `c${n++}`,
        text: question,
        openAs: 'bot',
      });
      const bot = {
        decision,
        reason: decision,
        evidence: {
          knowledge: confidence === undefined ? [] : [{ articleId: 'kba_x', confidence }],
          intents: [{ name: 'payment', confidence: 0.8 }],
        },
      };
      for (const index of [0, 1]) {
        await receiveMessage(bed.ctx, {
          workspaceId: workspace.id,
          target: { conversationId: asked.conversation.id },
          sender: { type: 'bot', id: null },
          actor: { type: 'bot', id: null },
          clientMessageId: `bot-${asked.message.id}-${index}`,
          text: '抱歉，我没有理解。',
          meta: { bot },
        });
      }
    };
    await turn('可以用花呗分期吗', 'fallback');
    await turn('花呗分期可以吗', 'clarify', 0.41);
    await turn('退款多久到账', 'answer', 0.93);
    await turn('你好', 'small_talk');
    await vi.waitFor(
      async () => {
        const gaps = await listGaps(bed.ctx, workspace.id);
        // Whichever of the two was recorded first names the gap; both are in it.
        expect(gaps.map((g) => [g.count, g.unansweredCount])).toEqual([[2, 1]]);
        expect(gaps[0]?.examples.map((e) => e.question).sort()).toEqual(['可以用花呗分期吗', '花呗分期可以吗']);
        expect(gaps[0]?.examples.find((e) => e.confidence !== null)?.confidence).toBeCloseTo(0.41);
      },
      { timeout: 10_000, interval: 50 },
    );
    // Each logged question is reported for analytics, with its conversation and the bot's intent.
    const reported = await listReportingEvents(bed.ctx.db, workspace.id, { type: 'knowledge.gap' });
    expect(reported.map((e) => [e.data.question, e.data.intent]).sort()).toEqual([
      ['可以用花呗分期吗', 'payment'],
      ['花呗分期可以吗', 'payment'],
    ]);
    expect(reported.every((e) => e.conversation_id?.startsWith('conv_'))).toBe(true);
  });
});
