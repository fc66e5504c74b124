import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITIONS } from '../src/analytics/definitions.ts';
import { ingestReportingEvents } from '../src/analytics/ingest.ts';
import { botPostMortem } from '../src/analytics/post-mortem.ts';
import { queryMetrics } from '../src/analytics/query.ts';
import { removeBotFlow, saveBotFlow, updateBotConfig } from '../src/bot/commands/update-bot.ts';
import { FlowDefinition } from '../src/bot/schema.ts';
import { identifyVisitor } from '../src/conversations/commands/identify-visitor.ts';
import { receiveMessage } from '../src/conversations/commands/receive-message.ts';
import { submitSurvey } from '../src/conversations/commands/submit-survey.ts';
import { transitionConversation } from '../src/conversations/commands/transition-conversation.ts';
import { insertInbox } from '../src/conversations/contact-store.ts';
import { seedWorkspace } from '../src/conversations/testing/context.ts';
import { recordKnowledgeGap } from '../src/knowledge/acquisition/gaps/record-knowledge-gap.ts';
import { createArticle } from '../src/knowledge/commands/create-article.ts';
import { reviewArticle } from '../src/knowledge/commands/review-article.ts';
import { rollbackArticle } from '../src/knowledge/commands/rollback-article.ts';
import { updateArticle } from '../src/knowledge/commands/update-article.ts';
import { seedKnowledgeWorkspace } from '../src/knowledge/testing/context.ts';
import { listReportingEvents } from '../src/platform/reporting.ts';
import { createTestBed, type TestBed } from '../src/platform/testing/test-bed.ts';
import { openTestDatabase, testEngines } from './support/engines.ts';

const DAY = 86_400_000;
const agent = { type: 'user' as const, id: 'usr_01jdemoagent0000000000000a' };

/**
 * The emitters analytics depends on, each driven through the command that makes the change, then read back through
 * ingestion: survey.offered (record-transition), knowledge.gap (record-knowledge-gap), bot.version_changed
 * (knowledge go-live and the bot's configuration).
 */
describe.each(testEngines())('reporting-event emitters on %s', (engine) => {
  let bed: TestBed;
  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine), { clockStart: Date.UTC(2026, 10, 2, 2, 0, 0) });
  });
  afterEach(async () => bed.dispose());

  const metricsOf = async (workspaceId: string) => {
    await ingestReportingEvents(bed.ctx, { lookbackMs: 0 });
    const now = bed.clock.now();
    const [row] = await queryMetrics(bed.ctx.db, DEFAULT_DEFINITIONS, {
      workspaceId,
      from: now - 30 * DAY,
      to: now + DAY,
    });
    return row;
  };

  it('offers the widget survey at every resolution (counted once per conversation), never on other channels', async () => {
    const { workspace, inbox, visitor } = await seedWorkspace(bed.ctx);
    const workspaceId = workspace.id;
    const ask = async (contactId: string, inboxId: string, key: string) =>
      receiveMessage(bed.ctx, {
        workspaceId,
        target: { inboxId, contactId },
        sender: { type: 'contact', id: contactId },
        actor: { type: 'contact', id: contactId },
        clientMessageId: key,
        text: '我的快递到哪了',
      });
    const resolve = (conversationId: string) =>
      transitionConversation(bed.ctx, { workspaceId, conversationId, to: 'resolved', actor: agent });

    // 1: resolved, rated, reopened by the customer, resolved again (the same survey offered twice).
    const first = (await ask(visitor.contact.id, inbox.id, 'a1')).conversation.id;
    await resolve(first);
    await submitSurvey(bed.ctx, {
      workspaceId,
      contactId: visitor.contact.id,
      conversationId: first,
      csat: 5,
      nps: 9,
      comment: '很快',
    });
    bed.clock.advance(60_000);
    await ask(visitor.contact.id, inbox.id, 'a2');
    await resolve(first);
    // 2: another widget customer, resolved, never rated.
    const other = await identifyVisitor(bed.ctx, { workspaceId, locale: 'en' });
    const second = (await ask(other.contact.id, inbox.id, 'b1')).conversation.id;
    await resolve(second);
    // 3: an API conversation: nobody is asked.
    const api = await insertInbox(bed.ctx.db, {
      id: 'inb_01jgzzzzzzzzzzzzzzzzzzzapi',
      workspace_id: workspaceId,
      name: 'API',
      channel: 'api',
      created_at: bed.clock.now(),
    });
    const third = (await ask(other.contact.id, api.id, 'c1')).conversation.id;
    await resolve(third);

    const offered = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'survey.offered' });
    expect(offered.map((e) => [e.conversation_id, e.data.surveyId])).toEqual([
      [first, 'widget'],
      [first, 'widget'],
      [second, 'widget'],
    ]);
    const [submitted] = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'survey.submitted' });
    expect(submitted?.data).toMatchObject({ surveyId: 'widget', csat: 5, nps: 9, comment: '很快' });

    const row = await metricsOf(workspaceId);
    expect(row?.sums.surveys_offered).toBe(2);
    expect(row?.sums.surveys_answered).toBe(1);
    expect(row?.metrics.survey_response_rate.value).toBe(0.5);
    expect(row?.metrics.csat.value).toBe(1);
  });

  it('slices by the language conversations report and measures the customer’s sentiment from first to last message', async () => {
    const { workspace, inbox, visitor } = await seedWorkspace(bed.ctx);
    const workspaceId = workspace.id;
    const english = await identifyVisitor(bed.ctx, { workspaceId, locale: 'en' });
    const say = (contactId: string, key: string, text: string) =>
      receiveMessage(bed.ctx, {
        workspaceId,
        target: { inboxId: inbox.id, contactId },
        sender: { type: 'contact', id: contactId },
        actor: { type: 'contact', id: contactId },
        clientMessageId: key,
        text,
      });
    const angry = '我要投诉，快递员态度很差';
    const pleased = '谢谢，问题解决了，非常满意';
    await say(visitor.contact.id, 'z1', angry);
    await say(visitor.contact.id, 'z2', '12345');
    await say(visitor.contact.id, 'z3', pleased);
    await say(english.contact.id, 'e1', 'Where is my parcel?');

    const opened = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'conversation.opened' });
    expect(opened.map((e) => e.data.language)).toEqual(['zh', 'en']);
    // The change worked out from the scores the conversation reported for its first and last customer message.
    const created = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'message.created' });
    const scores = created.filter((e) => e.data.language === 'zh').map((e) => e.data.sentiment as number);
    expect(scores).toHaveLength(2);
    const [first, last] = scores as [number, number];
    expect(first).toBeLessThan(0);
    expect(last).toBeGreaterThan(0);

    await ingestReportingEvents(bed.ctx, { lookbackMs: 0 });
    const now = bed.clock.now();
    const range = { workspaceId, from: now - DAY, to: now + DAY };
    const byLanguage = await queryMetrics(bed.ctx.db, DEFAULT_DEFINITIONS, { ...range, groupBy: 'language' });
    const row = (key: string) => byLanguage.find((r) => r.key === key);
    expect(row('zh')?.sums.conversations).toBe(1);
    expect(row('en')?.sums.conversations).toBe(1);
    // A conversation with one scored message has no change to measure: the total is zh's alone.
    expect(row('en')?.metrics.sentiment_change.value).toBeNull();
    const [total] = await queryMetrics(bed.ctx.db, DEFAULT_DEFINITIONS, range);
    expect(total?.sums.sentiment_n).toBe(1);
    expect(total?.metrics.sentiment_change.value).toBeCloseTo(Math.round((last - first) * 1000) / 1000, 6);
  });

  it('reports a logged knowledge gap with its conversation, in the transaction that logs it', async () => {
    const { workspace, inbox, visitor } = await seedWorkspace(bed.ctx);
    const workspaceId = workspace.id;
    const asked = await receiveMessage(bed.ctx, {
      workspaceId,
      target: { inboxId: inbox.id, contactId: visitor.contact.id },
      sender: { type: 'contact', id: visitor.contact.id },
      actor: { type: 'contact', id: visitor.contact.id },
      clientMessageId: 'q1',
      text: '可以用花呗分期吗',
      openAs: 'bot',
    });
    const conversationId = asked.conversation.id;
    const gapId = await recordKnowledgeGap(bed.ctx, {
      workspaceId,
      question: '可以用花呗分期吗',
      conversationId,
      confidence: null,
      intent: 'payment',
    });
    // A greeting is not a gap: nothing logged, nothing reported.
    expect(
      await recordKnowledgeGap(bed.ctx, { workspaceId, question: '你好', conversationId, confidence: null }),
    ).toBeNull();
    const events = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'knowledge.gap' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      conversation_id: conversationId,
      data: { gapId, question: '可以用花呗分期吗', intent: 'payment', confidence: null, unanswered: true },
    });

    const row = await metricsOf(workspaceId);
    expect(row?.sums.bot_involved).toBe(1);
    expect(row?.metrics.knowledge_gap_rate.value).toBe(1);
  });

  it('marks knowledge go-live changes and bot configuration changes, compared before/after in the post-mortem', async () => {
    const seeded = await seedKnowledgeWorkspace(bed.ctx);
    const { workspaceId } = seeded;
    const article = await createArticle(bed.ctx, {
      workspaceId,
      actor: seeded.editor,
      input: { language: 'zh', title: '怎么申请退款？', answer: '在订单详情页点击“申请退款”。' },
    });
    const move = { workspaceId, articleId: article.id, version: 1 };
    await reviewArticle(bed.ctx, { ...move, action: 'submit', actor: seeded.editor });
    // Submitting changes nothing customers see: no marker yet.
    expect(await listReportingEvents(bed.ctx.db, workspaceId, { type: 'bot.version_changed' })).toEqual([]);
    await reviewArticle(bed.ctx, { ...move, action: 'publish', actor: seeded.reviewer });
    bed.clock.advance(DAY);
    await updateArticle(bed.ctx, {
      workspaceId,
      articleId: article.id,
      actor: seeded.editor,
      patch: { expectedVersion: 1, answer: '在订单详情页申请退款，1-3 个工作日到账。' },
    });
    await rollbackArticle(bed.ctx, {
      workspaceId,
      articleId: article.id,
      toVersion: 1,
      expectedVersion: 2,
      actor: seeded.reviewer,
      mayPublish: true,
    });
    bed.clock.advance(DAY);
    await updateBotConfig(bed.ctx, { workspaceId, enabled: true });
    await expect(removeBotFlow(bed.ctx, workspaceId, 'no_such_intent')).rejects.toMatchObject({ code: 'not_found' });
    const flow = FlowDefinition.parse({
      intent: 'invoice',
      name: { zh: '开发票', en: 'Invoice' },
      slots: [],
      done: { zh: '好的', en: 'Done' },
    });
    await saveBotFlow(bed.ctx, workspaceId, flow);
    await removeBotFlow(bed.ctx, workspaceId, 'invoice');

    const markers = await listReportingEvents(bed.ctx.db, workspaceId, { type: 'bot.version_changed' });
    expect(markers.map((m) => [m.conversation_id, m.data.kind, m.data.version])).toEqual([
      [null, 'knowledge', `${article.id}@1`],
      [null, 'knowledge', `${article.id}@3`],
      [null, 'model', expect.stringMatching(/^1:1:/)],
      [null, 'model', expect.stringMatching(/^1:1:\d+:1$/)],
      [null, 'model', '1:1:0:0'],
    ]);
    expect(markers.map((m) => m.data.note)).toEqual([
      'published: 怎么申请退款？',
      'rolled_back: 怎么申请退款？',
      'settings',
      'flow_saved: invoice',
      'flow_removed: invoice',
    ]);

    await ingestReportingEvents(bed.ctx, { lookbackMs: 0 });
    const now = bed.clock.now();
    const report = await botPostMortem(bed.ctx.db, DEFAULT_DEFINITIONS, {
      workspaceId,
      from: now - 7 * DAY,
      to: now + 1,
    });
    expect(report.changes.map((c) => c.marker.kind)).toEqual(['model', 'model', 'model', 'knowledge', 'knowledge']);
    expect(report.changes[4]?.marker).toMatchObject({ version: `${article.id}@1`, note: 'published: 怎么申请退款？' });
    expect(Object.keys(report.changes[0]?.before ?? {})).toContain('containment');
  });
});
