import { z } from 'zod';
import { AlertRuleInput } from '../../../analytics/alert-rules.ts';
import { DIMENSIONS, METRIC_IDS, MetricParameters } from '../../../analytics/definitions.ts';
import { BOT_FAILURE_CAUSES } from '../../../analytics/fact.ts';
import { Weights } from '../../../analytics/scorecard.ts';
import { Scenario, TargetInput } from '../../../analytics/targets.ts';

/** Time ranges are epoch ms; without them, the last 7 days. */
const Range = {
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(1).optional(),
};
const Slice = {
  dim: z.enum(DIMENSIONS).optional(),
  value: z.string().max(200).optional(),
};

export const MetricsQuery = z.strictObject({
  ...Range,
  ...Slice,
  groupBy: z.enum(['total', 'hour', 'day', 'week', ...DIMENSIONS]).default('total'),
  scenario: Scenario.default('all'),
});

export const DrillQuery = z.strictObject({
  ...Range,
  ...Slice,
  metric: z.enum(METRIC_IDS),
  only: z.enum(['hit', 'miss']).optional(),
  botFailure: z.enum(BOT_FAILURE_CAUSES).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ExportQuery = z.strictObject({ ...Range, ...Slice });
export const RangeQuery = z.strictObject({ ...Range });
export const ScorecardQuery = z.strictObject({ ...Range, scenario: Scenario.default('all') });

const Progress = z.object({ target: z.number(), met: z.boolean(), attainment: z.number() });
const Value = z.object({ value: z.number().nullable(), base: z.number(), progress: Progress.nullable() });
export const MetricsView = z.object({
  from: z.number(),
  to: z.number(),
  definitionsVersion: z.number(),
  rows: z.array(z.object({ key: z.union([z.string(), z.number()]), metrics: z.record(z.string(), Value) })),
});

/** What leaves the server of a conversation fact: derived figures only, no message text. */
export const FactView = z.object({
  conversationId: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  status: z.string(),
  channel: z.string(),
  team: z.string(),
  agent: z.string(),
  intent: z.string(),
  language: z.string(),
  tier: z.string(),
  botInvolved: z.boolean(),
  botFrtMs: z.number().nullable(),
  humanFrtMs: z.number().nullable(),
  waitMs: z.number().nullable(),
  handleMs: z.number().nullable(),
  resolved: z.boolean(),
  contained: z.boolean(),
  handedOff: z.boolean(),
  handoffReason: z.string(),
  abandoned: z.boolean(),
  answeredInTarget: z.boolean().nullable(),
  slaMet: z.boolean().nullable(),
  csat: z.number().nullable(),
  nps: z.number().nullable(),
  surveyComment: z.string(),
  reopens: z.number(),
  knowledgeGap: z.boolean(),
  botFailure: z.string(),
});
export const DrillView = z.object({ conversations: z.array(FactView), nextCursor: z.string().nullable() });

export const DefinitionsView = z.object({
  version: z.number(),
  rebuiltVersion: z.number(),
  parameters: MetricParameters,
  metrics: z.array(
    z.object({
      id: z.string(),
      unit: z.string(),
      higherIsBetter: z.boolean(),
      name: z.object({ zh: z.string(), en: z.string() }),
      definition: z.object({ zh: z.string(), en: z.string() }),
    }),
  ),
  dimensions: z.array(z.string()),
});

export const TargetView = z.object({
  metric: z.string(),
  scenario: z.string(),
  value: z.number(),
  source: z.string(),
  updatedAt: z.number(),
});
export const TargetBody = TargetInput;
export const TargetParams = z.strictObject({ metric: z.enum(METRIC_IDS), scenario: Scenario });
export const SuggestBody = z.strictObject({
  metric: z.enum(METRIC_IDS),
  scenario: Scenario.default('all'),
  weeks: z.number().int().min(1).max(52).optional(),
  benchmark: z.number().finite().optional(),
});
export const SuggestView = z.object({
  metric: z.string(),
  scenario: z.string(),
  value: z.number().nullable(),
  source: z.string(),
  median: z.number().nullable(),
  weeks: z.array(z.object({ week: z.number(), value: z.number().nullable() })),
});

const ScoreView = z.object({
  subject: z.string(),
  score: z.number().nullable(),
  parts: z.array(
    z.object({
      metric: z.string(),
      value: z.number().nullable(),
      normalised: z.number().nullable(),
      weight: z.number(),
    }),
  ),
});
export const ScorecardsView = z.object({
  scenario: z.string(),
  weights: z.record(z.string(), z.number()),
  agents: z.array(ScoreView),
  teams: z.array(ScoreView),
  bot: ScoreView.nullable(),
});
export const WeightsBody = z.strictObject({ weights: Weights });
export const ScenarioParams = z.strictObject({ scenario: Scenario });

export const RuleParams = z.strictObject({ ruleId: z.string().regex(/^alr_[0-9a-hjkmnp-tv-z]{26}$/) });
export const RuleBody = z.strictObject({ rule: AlertRuleInput, enabled: z.boolean().default(true) });
export const RuleView = z.object({
  id: z.string(),
  rule: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  breachSince: z.number().nullable(),
  lastFiredAt: z.number().nullable(),
});
export const AlertView = z.object({
  id: z.string(),
  ruleId: z.string(),
  firedAt: z.number(),
  metric: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  message: z.string(),
  deliveries: z.array(z.unknown()),
});
export const NotificationView = z.object({
  id: z.string(),
  alertId: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.number(),
  readAt: z.number().nullable(),
});

export const PostMortemView = z.object({
  botConversations: z.number(),
  failed: z.number(),
  causes: z.array(z.object({ cause: z.string(), count: z.number(), examples: z.array(FactView) })),
  changes: z.array(
    z.object({
      marker: z.object({ kind: z.string(), version: z.string(), note: z.string(), at: z.number() }),
      before: z.record(z.string(), z.object({ value: z.number().nullable(), base: z.number() })),
      after: z.record(z.string(), z.object({ value: z.number().nullable(), base: z.number() })),
      failuresBefore: z.number(),
      failuresAfter: z.number(),
    }),
  ),
});
