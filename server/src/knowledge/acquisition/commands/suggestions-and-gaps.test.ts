import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../../test/support/engines.ts';
import { findArticle } from '../../store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from '../../testing/context.ts';
import { setGapStatus } from '../gap-store.ts';
import { listGaps } from '../gaps/list-gaps.ts';
import { recordKnowledgeGap } from '../gaps/record-knowledge-gap.ts';
import type { MinedCandidate } from '../mining/mine-candidates.ts';
import { listSuggestions } from '../suggestion-store.ts';
import { acceptSuggestion, queueSuggestions, rejectSuggestion } from './suggestions.ts';

const DAY = 86_400_000;
const refund: MinedCandidate = {
  question: '怎么申请退款',
  alternates: ['申请退款怎么操作', '怎么退款'],
  answer: '在订单详情页点击“申请退款”。\n审核通过后 1-3 个工作日原路退回。',
  language: 'zh',
  frequency: 3,
  conversationIds: ['conv_a', 'conv_b', 'conv_c'],
};
const invoice: MinedCandidate = {
  question: '发票怎么开',
  alternates: [],
  answer: '下单时勾选开具发票。',
  language: 'zh',
  frequency: 2,
  conversationIds: ['conv_d', 'conv_e'],
};

describe.each(testEngines())('suggestions and gaps on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let ws: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;
  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    ws = await seedKnowledgeWorkspace(bed.ctx);
  });
  afterEach(async () => {
    await bed.dispose();
  });

  it('queues suggestions by frequency, refreshes pending ones, and never re-suggests a decided one', async () => {
    expect(await queueSuggestions(bed.ctx, ws.workspaceId, [refund, invoice])).toEqual({ created: 2, refreshed: 0 });
    const queue = await listSuggestions(bed.ctx.db, ws.workspaceId, { status: 'pending' });
    expect(queue.map((s) => [s.question, s.frequency])).toEqual([
      ['怎么申请退款', 3],
      ['发票怎么开', 2],
    ]);
    // Mined again a week later with one more conversation.
    expect(
      await queueSuggestions(bed.ctx, ws.workspaceId, [
        { ...refund, question: '申请退款怎么操作', conversationIds: ['conv_c', 'conv_f'] },
      ]),
    ).toEqual({ created: 0, refreshed: 1 });
    expect((await listSuggestions(bed.ctx.db, ws.workspaceId))[0]).toMatchObject({
      frequency: 4,
      conversationIds: expect.arrayContaining(['conv_a', 'conv_f']),
    });

    const accepted = await acceptSuggestion(bed.ctx, {
      workspaceId: ws.workspaceId,
      suggestionId: queue[0]!.id,
      actor: ws.editor,
    });
    expect(accepted.status).toBe('accepted');
    const draft = await findArticle(bed.ctx.db, ws.workspaceId, accepted.articleId!);
    expect(draft).toMatchObject({ status: 'draft', kind: 'faq', title: '怎么申请退款', liveVersion: null });
    expect(draft?.answer).toContain('1-3 个工作日');
    expect(draft?.alternates).toEqual(['申请退款怎么操作', '怎么退款']);
    expect(draft?.source).toMatchObject({ type: 'suggestion', conversationIds: expect.arrayContaining(['conv_a']) });

    const rejected = await rejectSuggestion(bed.ctx, {
      workspaceId: ws.workspaceId,
      suggestionId: queue[1]!.id,
      actor: ws.editor,
    });
    expect(rejected.status).toBe('rejected');
    await expect(
      acceptSuggestion(bed.ctx, { workspaceId: ws.workspaceId, suggestionId: queue[1]!.id, actor: ws.editor }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await queueSuggestions(bed.ctx, ws.workspaceId, [refund, invoice])).toEqual({ created: 0, refreshed: 0 });
  });

  it('refuses another workspace’s suggestion as not found', async () => {
    await queueSuggestions(bed.ctx, ws.workspaceId, [refund]);
    const [suggestion] = await listSuggestions(bed.ctx.db, ws.workspaceId);
    const other = await seedKnowledgeWorkspace(bed.ctx, '别家');
    await expect(
      acceptSuggestion(bed.ctx, { workspaceId: other.workspaceId, suggestionId: suggestion!.id, actor: other.editor }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('clusters gap questions with counts, examples and a rising trend', async () => {
    const ask = (question: string, confidence: number | null, conversationId = 'conv_x') =>
      recordKnowledgeGap(bed.ctx, { workspaceId: ws.workspaceId, question, conversationId, confidence });
    const first = await ask('可以用花呗分期吗', null);
    bed.clock.advance(10 * DAY);
    expect(await ask('能用花呗分期付款吗？', 0.2)).toBe(first);
    expect(await ask('花呗分期可以吗', null, 'conv_y')).toBe(first);
    expect(await ask('支持花呗分期吗', 0.31)).toBe(first);
    const other = await ask('How do I change my delivery address?', 0.1);
    expect(other).not.toBe(first);
    expect(await ask('你好', null)).toBeNull();

    const gaps = await listGaps(bed.ctx, ws.workspaceId);
    expect(gaps.map((g) => [g.question, g.count, g.unansweredCount])).toEqual([
      ['可以用花呗分期吗', 4, 2],
      ['How do I change my delivery address?', 1, 0],
    ]);
    const huabei = gaps[0]!;
    expect(huabei.examples.map((e) => e.question)).toEqual([
      '支持花呗分期吗',
      '花呗分期可以吗',
      '能用花呗分期付款吗？',
      '可以用花呗分期吗',
    ]);
    expect(huabei.examples[0]?.confidence).toBeCloseTo(0.31);
    expect(huabei.trend).toHaveLength(14);
    expect(huabei.trend.at(-1)).toBe(3);
    expect(huabei.trend[3]).toBe(1);
    expect(huabei.direction).toBe('rising');

    await setGapStatus(bed.ctx.db, ws.workspaceId, first!, 'dismissed');
    expect((await listGaps(bed.ctx, ws.workspaceId)).map((g) => g.id)).toEqual([other]);
  });
});
