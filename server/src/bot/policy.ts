import type { Understanding } from '../nlu/index.ts';
import { newId } from '../platform/ids.ts';
import { arrivalsWithin, type BotState, recordAttempt, sentimentTrend } from './context.ts';
import { advanceFlow, fitsFlow, looksLikeQuestion, resumePrompt } from './flows/engine.ts';
import type { ActionResult } from './flows/http-action.ts';
import { handoffAfterMiss, handoffBeforeAnswer, handoffRequest } from './handoff.ts';
import { intentSupport } from './intent-support.ts';
import type { KnowledgeAnswer } from './knowledge.ts';
import type { WorkspaceBot } from './runtime.ts';
import type { BotDecision, BotReply, DecisionEvidence, FlowDefinition, HandoffReason, Locale } from './schema.ts';
import { SMALL_TALK_REPLIES, smallTalkOf } from './small-talk.ts';
import { say, TEXTS } from './texts.ts';

/** An intent confidence no knowledge-base answer outranks in practice (exact question matches score 0.95). */
const CERTAIN = 0.99;

/** One customer message as the policy sees it, with what understanding made of it. */
export interface PolicyInput {
  bot: WorkspaceBot;
  state: BotState;
  text: string;
  understanding: Understanding;
  locale: Locale;
  contactTier: string | null;
  /** How many times in a row this question was asked (including now). */
  repeats: number;
  now: number;
  searchKnowledge: (query: string) => Promise<KnowledgeAnswer[]>;
  runAction: (flow: FlowDefinition, slots: Record<string, string>) => Promise<ActionResult>;
}

/**
 * Chooses what the bot does with one message, in this order: flood control; a person when the rules say so; the
 * flow in progress (unless the customer clearly moved on); a flow for the intent; small talk; an answer from the
 * knowledge base, or a question when the best candidates are close; otherwise a fallback, and after too many
 * misses a hand-off. Every decision carries its rule and the evidence that led to it.
 */
export async function decide(given: PolicyInput): Promise<BotDecision> {
  const { bot, state, locale, now } = given;
  const { settings } = bot;
  const evidence = evidenceOf(given.understanding, state);
  // The model's pick without support in its own examples is a guess: decide as if nothing was recognized.
  const guess = unsupportedIntent(given, evidence);
  const input = guess ? { ...given, understanding: { ...given.understanding, outOfScope: true } } : given;
  const { understanding } = input;
  const top = understanding.outOfScope ? undefined : understanding.intents[0];
  const intent = top && top.confidence >= settings.intentThreshold ? top.name : undefined;

  if (arrivalsWithin(state, now, settings.flood.windowMs) > settings.flood.limit) {
    const noticed = state.floodNoticeAt !== null && now - state.floodNoticeAt < settings.flood.windowMs;
    if (noticed) return { kind: 'silent', reason: 'flood_waiting', evidence, replies: [] };
    state.floodNoticeAt = now;
    return { kind: 'flood_notice', reason: 'flood', evidence, replies: [{ text: say(TEXTS.flood, locale) }] };
  }

  const rule = handoffBeforeAnswer({ ...input, settings, contactTier: input.contactTier });
  if (rule) {
    if (rule.reason === 'negative_sentiment') return angryHandoff(input, evidence, rule.rule, intent);
    return handoff(input, evidence, rule.reason, rule.rule, intent, []);
  }

  const query = understanding.followUp && state.lastTopic ? `${input.text} ${state.lastTopic}` : input.text;
  let found: KnowledgeAnswer[] | undefined;
  const knowledge = async () => {
    if (!found) {
      found = await input.searchKnowledge(query);
      evidence.knowledge = found.slice(0, 3).map((h) => ({ articleId: h.articleId, confidence: round(h.confidence) }));
    }
    return found;
  };

  const current = state.flow ? bot.flows.get(state.flow.intent) : undefined;
  const movedOn =
    current &&
    intent &&
    intent !== current.intent &&
    (bot.flows.has(intent) || understanding.followUp) &&
    (top?.confidence ?? 0) >= 0.8;
  if (current && !movedOn) {
    // A question in the middle of a flow ("运费谁出?" while the order number is asked) is answered when the
    // knowledge base knows it, and the flow asks its question again; anything else is the flow's to judge.
    if (!fitsFlow(current, state, input.text, understanding.entities, locale)) {
      // Asked inside a refund, "运费谁出?" is about return shipping: the flow's name is context for the search.
      let hits = await knowledge();
      if ((hits[0]?.confidence ?? 0) < settings.answerThreshold) {
        const inContext = await input.searchKnowledge(`${input.text} ${say(current.name, locale)}`);
        if ((inContext[0]?.confidence ?? 0) > (hits[0]?.confidence ?? 0)) hits = inContext;
      }
      const best = hits[0];
      if (best && best.confidence >= settings.answerThreshold) return answerInFlow(input, current, best, evidence);
      // Not sure enough to answer, but clearly a question: offer the likely articles beside the flow's question.
      const likely = hits.filter((h) => h.confidence >= settings.clarifyThreshold).slice(0, 2);
      if (likely.length > 0 && looksLikeQuestion(input.text)) return clarifyInFlow(input, current, likely, evidence);
    }
    return flowTurn(input, current, false, evidence);
  }

  if (intent && bot.flows.has(intent)) {
    // An FAQ the knowledge base answers more surely than the intent model recognises the task is answered, not
    // turned into a flow: a model trained on a few dozen phrases reads "怎么开发票？" as an order question. A task
    // recognised for certain in words all found in its examples ("我的订单到哪了") leaves the knowledge base nothing
    // to outrank: it is not searched (a search costs more CPU than the rest of the decision).
    const certain = (top?.confidence ?? 0) >= CERTAIN && evidence.support?.score === 1;
    const best = certain ? undefined : (await knowledge())[0];
    const answered = best && best.confidence >= settings.answerThreshold && best.confidence > (top?.confidence ?? 0);
    if (!answered) return flowTurn(input, bot.flows.get(intent) as FlowDefinition, true, evidence);
  }

  const smallTalk = smallTalkOf(input.text, intent);
  if (smallTalk) {
    state.consecutiveMisses = 0;
    recordAttempt(state, { kind: 'small_talk', reason: smallTalk, at: now });
    return {
      kind: 'small_talk',
      reason: `small_talk:${smallTalk}`,
      evidence,
      replies: [{ text: say(SMALL_TALK_REPLIES[smallTalk], locale) }],
      resolve: smallTalk === 'goodbye' && state.turnCount > 1,
    };
  }

  const hits = await knowledge();
  const best = hits[0];
  if (best && best.confidence >= settings.answerThreshold) {
    state.consecutiveMisses = 0;
    state.lastTopic = best.title;
    // A flow intent here was outranked by the answer above: it is not what the customer is about.
    if (intent && !bot.flows.has(intent)) state.currentIntent = intent;
    recordAttempt(state, { kind: 'answer', reason: 'kb_answer', detail: best.title, at: now });
    return {
      kind: 'answer',
      reason: 'kb_answer',
      evidence: { ...evidence, rule: `confidence ${round(best.confidence)} ≥ ${settings.answerThreshold}` },
      replies: [
        {
          text: best.answer,
          cards: [
            { type: 'article', articleId: best.articleId, title: best.title, ...(best.url ? { url: best.url } : {}) },
          ],
        },
      ],
    };
  }
  const close = hits.filter(
    (h) =>
      h.confidence >= settings.clarifyThreshold && best && best.confidence - h.confidence <= settings.clarifyMargin,
  );
  // The model's pick with some support may still be right ("my package is late"): offered, never started unasked.
  // With none of its words in the message ("可以用比特币付款吗" → refund) it is not worth a question.
  const offered = guess && (evidence.support?.score ?? 0) > 0 ? bot.flows.get(guess) : undefined;
  if (close.length >= 2 || offered) {
    const choices = [
      ...(offered ? [say(offered.name, locale)] : []),
      ...close.slice(0, offered ? 2 : 3).map((h) => h.title),
    ];
    state.lastTopic = null;
    recordAttempt(state, { kind: 'clarify', reason: 'close_candidates', detail: choices.join(' / '), at: now });
    return {
      kind: 'clarify',
      reason: offered && close.length < 2 ? 'clarify_unsupported_intent' : 'clarify_close_candidates',
      evidence: {
        ...evidence,
        rule: offered
          ? `${guess} covers ${evidence.support?.score ?? 0} of the message < ${settings.intentSupport}`
          : `${close.length} candidates within ${settings.clarifyMargin}`,
      },
      replies: [
        {
          text: say(offered && close.length < 2 ? TEXTS.offerFlow : TEXTS.clarify, locale),
          quickReplies: [
            ...choices.map((c) => ({ label: c, value: c })),
            { label: say(TEXTS.noneOfThese, locale), value: say(TEXTS.noneOfThese, locale) },
          ],
        },
      ],
    };
  }
  return miss(input, evidence, intent);
}

/** A knowledge-base answer in the middle of a flow, then the flow's pending question again; the flow is unchanged. */
function answerInFlow(
  input: PolicyInput,
  flow: FlowDefinition,
  best: KnowledgeAnswer,
  evidence: DecisionEvidence,
): BotDecision {
  const { state, now, locale, bot } = input;
  state.consecutiveMisses = 0;
  recordAttempt(state, { kind: 'answer', reason: 'kb_answer_in_flow', detail: best.title, at: now });
  const resume = resumePrompt(flow, state, locale);
  return {
    kind: 'answer',
    reason: 'kb_answer_in_flow',
    evidence: {
      ...evidence,
      rule: `not a reply to ${flow.intent}; confidence ${round(best.confidence)} ≥ ${bot.settings.answerThreshold}`,
    },
    replies: [
      {
        text: best.answer,
        cards: [
          { type: 'article', articleId: best.articleId, title: best.title, ...(best.url ? { url: best.url } : {}) },
        ],
      },
      ...(resume ? [resume] : []),
    ],
  };
}

/** Possible answers to a question asked inside a flow, as quick replies, with the flow's pending question again. */
function clarifyInFlow(
  input: PolicyInput,
  flow: FlowDefinition,
  likely: KnowledgeAnswer[],
  evidence: DecisionEvidence,
): BotDecision {
  const { state, now, locale, bot } = input;
  recordAttempt(state, {
    kind: 'clarify',
    reason: 'question_in_flow',
    detail: likely.map((h) => h.title).join(' / '),
    at: now,
  });
  const resume = resumePrompt(flow, state, locale);
  return {
    kind: 'clarify',
    reason: 'clarify_in_flow',
    evidence: {
      ...evidence,
      rule: `not a reply to ${flow.intent}; best ${round(likely[0]?.confidence ?? 0)} < ${bot.settings.answerThreshold}`,
    },
    replies: [
      {
        text: say(TEXTS.clarify, locale),
        quickReplies: likely.map((h) => ({ label: h.title, value: h.title })),
      },
      ...(resume ? [resume] : []),
    ],
  };
}

/**
 * The top intent when the model recognized it, it would make the bot act, and its examples do not cover the message
 * (see intent-support.ts); else undefined. A follow-up that keeps the current intent ("明天呢?") is exempt: the context carries it.
 */
function unsupportedIntent(input: PolicyInput, evidence: DecisionEvidence): string | undefined {
  const { understanding, bot, state } = input;
  const top = understanding.outOfScope ? undefined : understanding.intents[0];
  if (!top || top.confidence < bot.settings.intentThreshold) return undefined;
  // Only intents that make the bot act: a misread greeting costs nothing, a misread task starts a flow or hands off.
  const acts =
    bot.flows.has(top.name) || top.name === 'human_agent' || bot.settings.handoff.sensitiveIntents.includes(top.name);
  if (!acts) return undefined;
  const score = intentSupport(bot.vocabulary, top.name, understanding);
  if (score === undefined) return undefined;
  evidence.support = { intent: top.name, score };
  if (understanding.followUp && top.name === state.currentIntent) return undefined;
  return score < bot.settings.intentSupport ? top.name : undefined;
}

async function flowTurn(
  input: PolicyInput,
  flow: FlowDefinition,
  starting: boolean,
  evidence: DecisionEvidence,
): Promise<BotDecision> {
  const { state, now, locale } = input;
  if (starting) {
    // A new task: earlier free-text answers (a complaint description) must not leak into it; references stay.
    state.currentIntent = flow.intent;
    state.lastTopic = say(flow.name, locale);
  }
  const outcome = await advanceFlow({
    flow,
    state,
    text: input.text,
    entities: input.understanding.entities,
    locale,
    now,
    starting,
    runAction: input.runAction,
  });
  state.consecutiveMisses = outcome.step.startsWith('reprompt') ? state.consecutiveMisses : 0;
  recordAttempt(state, { kind: 'flow', reason: `${flow.intent}:${outcome.step}`, at: now });
  const decision: BotDecision = {
    kind: 'flow',
    reason: `flow:${flow.intent}:${outcome.step}`,
    evidence: {
      ...evidence,
      ...(outcome.action
        ? {
            rule: `action ${outcome.action.ok ? 'ok' : outcome.action.error} after ${outcome.action.attempts} attempt(s)`,
          }
        : {}),
    },
    replies: outcome.replies,
    ...(outcome.ticket ? { ticket: outcome.ticket } : {}),
  };
  if (outcome.handoff) {
    const request = handoffRequest(input.bot.settings, outcome.handoff, flow.intent, input.contactTier);
    state.handoff = { reason: request.reason, team: request.team, at: now };
    decision.handoff = request;
  }
  return decision;
}

/** Strong anger: an apology first, a complaint ticket with the customer's words, and a person with priority. */
function angryHandoff(
  input: PolicyInput,
  evidence: DecisionEvidence,
  rule: string,
  intent: string | undefined,
): BotDecision {
  const decision = handoff(input, evidence, 'negative_sentiment', rule, intent ?? 'complaint', [
    { text: say(TEXTS.empathy, input.locale) },
  ]);
  decision.ticket = {
    id: newId('tkt'),
    kind: 'complaint',
    subject: input.locale === 'zh' ? '客户情绪激动，已转人工' : 'Upset customer handed to an agent',
    fields: {
      description: input.text.slice(0, 1000),
      ...Object.fromEntries(Object.entries(input.state.slots).map(([k, v]) => [k, v.value])),
    },
    priority: 'urgent',
  };
  return decision;
}

function handoff(
  input: PolicyInput,
  evidence: DecisionEvidence,
  reason: HandoffReason,
  rule: string,
  intent: string | undefined,
  replies: BotReply[],
): BotDecision {
  const { state, now } = input;
  const request = handoffRequest(input.bot.settings, reason, intent ?? state.currentIntent, input.contactTier);
  if (intent && intent !== 'human_agent') state.currentIntent = intent;
  state.flow = null;
  state.handoff = { reason: request.reason, team: request.team, at: now };
  recordAttempt(state, { kind: 'handoff', reason, detail: rule, at: now });
  return { kind: 'handoff', reason: `handoff:${reason}`, evidence: { ...evidence, rule }, replies, handoff: request };
}

function miss(input: PolicyInput, evidence: DecisionEvidence, intent: string | undefined): BotDecision {
  const { state, now, locale, bot } = input;
  state.consecutiveMisses += 1;
  recordAttempt(state, { kind: 'fallback', reason: intent ? `no_answer_for:${intent}` : 'not_understood', at: now });
  const after = handoffAfterMiss(state, bot.settings);
  if (after) return handoff(input, evidence, after.reason, after.rule, intent, []);
  const topics = [...bot.flows.values()].slice(0, 3).map((f) => say(f.name, locale));
  return {
    kind: 'fallback',
    reason: intent ? `fallback:no_answer_for_${intent}` : 'fallback:not_understood',
    evidence: { ...evidence, rule: `miss ${state.consecutiveMisses} of ${bot.settings.handoff.consecutiveMisses}` },
    replies: [
      {
        text: say(TEXTS.fallback, locale),
        quickReplies: [
          ...topics.map((t) => ({ label: t, value: t })),
          { label: say(TEXTS.talkToPerson, locale), value: say(TEXTS.talkToPerson, locale) },
        ],
      },
    ],
  };
}

function evidenceOf(understanding: Understanding, state: BotState): DecisionEvidence {
  return {
    intents: understanding.intents.slice(0, 3).map((i) => ({ name: i.name, confidence: round(i.confidence) })),
    sentiment: {
      score: round(understanding.sentiment.score),
      anger: round(understanding.sentiment.emotions.anger ?? 0),
      trend: sentimentTrend(state),
    },
    knowledge: [],
    entities: understanding.entities.slice(0, 5).map((e) => ({ type: e.type, text: e.text })),
    followUp: understanding.followUp,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
