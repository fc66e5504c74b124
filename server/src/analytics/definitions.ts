import { z } from 'zod';

/**
 * The parameters that turn events into facts ("answered within 60 s", "4–5 is satisfied" …). A workspace may edit
 * them; every edit bumps `version` and the facts are recomputed under the new version (see rebuild.ts), while alert
 * rules restart their "for N minutes" clocks so that no alert fires on a mix of two definitions.
 */
export const MetricParameters = z.strictObject({
  /** Service level: a person's first reply within this many seconds of the hand-off. */
  serviceLevelSeconds: z.number().int().min(1).max(86_400).default(60),
  /** SLA: first human reply within … */
  slaFirstResponseSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(300),
  /** … and resolved within … of the start. */
  slaResolutionSeconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  /** CSAT answers at or above this (of 1–5) are "satisfied". */
  csatSatisfiedMin: z.number().int().min(1).max(5).default(4),
  /** NPS answers at or above this (of 0–10) are promoters; at or below `npsDetractorMax`, detractors. */
  npsPromoterMin: z.number().int().min(0).max(10).default(9),
  npsDetractorMax: z.number().int().min(0).max(10).default(6),
  /** Days and weeks are cut at this UTC offset (480: China Standard Time, which has no daylight saving). */
  utcOffsetMinutes: z.number().int().min(-720).max(840).default(480),
});
export type MetricParameters = z.infer<typeof MetricParameters>;

export interface MetricDefinitions extends MetricParameters {
  version: number;
}

export const DEFAULT_DEFINITIONS: MetricDefinitions = { ...MetricParameters.parse({}), version: 1 };

export const METRIC_IDS = [
  'frt_bot',
  'frt_human',
  'aht',
  'resolution_rate',
  'fcr',
  'containment',
  'transfer_rate',
  'abandonment',
  'service_level',
  'sla_attainment',
  'csat',
  'nps',
  'sentiment_change',
  'reopen_rate',
  'knowledge_gap_rate',
  'survey_response_rate',
  'wait_p90',
  'conversations',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export type MetricUnit = 'ms' | 'ratio' | 'score' | 'count';

export interface MetricInfo {
  id: MetricId;
  unit: MetricUnit;
  /** True when a higher value is better (targets and scorecards read it). */
  higherIsBetter: boolean;
  name: { zh: string; en: string };
  /** The written definition shown in docs/metrics.md and the dashboard tooltip. */
  definition: { zh: string; en: string };
}

/** The catalogue. Every metric counts conversations by the hour they started in (the first event's time). */
export const METRICS: Record<MetricId, MetricInfo> = {
  frt_bot: {
    id: 'frt_bot',
    unit: 'ms',
    higherIsBetter: false,
    name: { zh: '机器人首次响应时间', en: 'First response time (bot)' },
    definition: {
      zh: '客户第一条消息到机器人第一条回复的平均时长；只计机器人回复过的会话。',
      en: "Mean time from the customer's first message to the bot's first reply, over conversations the bot answered.",
    },
  },
  frt_human: {
    id: 'frt_human',
    unit: 'ms',
    higherIsBetter: false,
    name: { zh: '人工首次响应时间', en: 'First response time (human)' },
    definition: {
      zh: '会话首次需要人工（转人工或直接进入排队）到客服第一条公开回复的平均时长；内部备注不算回复。',
      en: 'Mean time from the moment a conversation first needed a person (hand-off, or opened in the queue) to the first public agent reply; internal notes do not count.',
    },
  },
  aht: {
    id: 'aht',
    unit: 'ms',
    higherIsBetter: false,
    name: { zh: '平均处理时长', en: 'Average handle time' },
    definition: {
      zh: '会话处于“处理中”（已分配给客服）状态的总时长的平均值；只计分配过的会话。',
      en: 'Mean total time a conversation spent assigned to an agent, over conversations that were assigned.',
    },
  },
  resolution_rate: {
    id: 'resolution_rate',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: '解决率', en: 'Resolution rate' },
    definition: {
      zh: '当前为已解决（或解决后关闭）的会话占全部会话的比例。',
      en: 'Share of conversations that are resolved now (or were closed after being resolved).',
    },
  },
  fcr: {
    id: 'fcr',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: '首次接触解决率', en: 'First-contact resolution' },
    definition: {
      zh: '已解决、从未重新打开、且最多只经过一位客服的会话占全部会话的比例。',
      en: 'Share of conversations resolved without ever being reopened and handled by at most one agent.',
    },
  },
  containment: {
    id: 'containment',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: '机器人独立解决率', en: 'Bot containment' },
    definition: {
      zh: '机器人参与的会话中，已解决且没有任何人工参与（未分配、无客服回复）的比例。',
      en: 'Of the conversations the bot took part in, the share resolved with no human at all (never assigned, no agent reply).',
    },
  },
  transfer_rate: {
    id: 'transfer_rate',
    unit: 'ratio',
    higherIsBetter: false,
    name: { zh: '转人工率', en: 'Transfer-to-human rate' },
    definition: {
      zh: '机器人参与的会话中，由机器人转给人工的比例。',
      en: 'Of the conversations the bot took part in, the share the bot handed to a person.',
    },
  },
  abandonment: {
    id: 'abandonment',
    unit: 'ratio',
    higherIsBetter: false,
    name: { zh: '放弃率', en: 'Abandonment' },
    definition: {
      zh: '需要人工的会话中，在任何客服回复之前就结束（解决或关闭）的比例。',
      en: 'Of the conversations that needed a person, the share that ended (resolved or closed) before any agent replied.',
    },
  },
  service_level: {
    id: 'service_level',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: '服务水平', en: 'Service level' },
    definition: {
      zh: '需要人工且结果已知（已回复或已放弃）的会话中，在服务水平目标时长内得到人工首次回复的比例。',
      en: 'Of the conversations that needed a person and whose outcome is known (answered or abandoned), the share answered within the service-level target.',
    },
  },
  sla_attainment: {
    id: 'sla_attainment',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: 'SLA 达成率', en: 'SLA attainment' },
    definition: {
      zh: '需要人工的会话中，人工首次回复与解决都在 SLA 时限内的比例；尚未超时且未解决的会话不计入。',
      en: 'Of the conversations that needed a person, the share with both first human reply and resolution within the SLA limits; open conversations not yet past a limit are left out.',
    },
  },
  csat: {
    id: 'csat',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: '满意度 (CSAT)', en: 'CSAT' },
    definition: {
      zh: '满意度评价（1–5 分）中 4–5 分的比例；同一会话重复评价只计最后一次。',
      en: 'Share of satisfaction answers (1–5) that are 4 or 5; a conversation answering twice counts once, with its last answer.',
    },
  },
  nps: {
    id: 'nps',
    unit: 'score',
    higherIsBetter: true,
    name: { zh: '净推荐值 (NPS)', en: 'NPS' },
    definition: {
      zh: '推荐者（9–10 分）占比减去贬损者（0–6 分）占比，乘以 100，范围 −100 到 100。',
      en: 'Share of promoters (9–10) minus share of detractors (0–6), times 100; from −100 to 100.',
    },
  },
  sentiment_change: {
    id: 'sentiment_change',
    unit: 'score',
    higherIsBetter: true,
    name: { zh: '情绪变化', en: 'Sentiment change' },
    definition: {
      zh: '客户最后一条消息与第一条消息情绪分（−1 到 1）之差的平均值；至少两条带情绪分的客户消息才计入。',
      en: 'Mean of (last − first) customer-message sentiment (−1 to 1), over conversations with at least two scored customer messages.',
    },
  },
  reopen_rate: {
    id: 'reopen_rate',
    unit: 'ratio',
    higherIsBetter: false,
    name: { zh: '重开率', en: 'Reopen rate' },
    definition: {
      zh: '曾被解决的会话中，至少被重新打开一次的比例。',
      en: 'Of the conversations ever resolved, the share reopened at least once.',
    },
  },
  knowledge_gap_rate: {
    id: 'knowledge_gap_rate',
    unit: 'ratio',
    higherIsBetter: false,
    name: { zh: '知识缺口率', en: 'Knowledge-gap rate' },
    definition: {
      zh: '机器人参与的会话中，至少有一个问题在知识库中找不到答案的比例。',
      en: 'Of the conversations the bot took part in, the share with at least one question the knowledge base had no answer for.',
    },
  },
  survey_response_rate: {
    id: 'survey_response_rate',
    unit: 'ratio',
    higherIsBetter: true,
    name: { zh: '评价回复率', en: 'Survey response rate' },
    definition: {
      zh: '发出的满意度/NPS 调查中得到回答的比例（每个调查最多计一次）。',
      en: 'Share of CSAT/NPS surveys offered that were answered (each survey at most once).',
    },
  },
  wait_p90: {
    id: 'wait_p90',
    unit: 'ms',
    higherIsBetter: false,
    name: { zh: '排队等待 P90', en: 'Queue wait p90' },
    definition: {
      zh: '从进入人工队列到分配给客服的等待时长的第 90 百分位（按固定区间直方图估计，取区间上界）。',
      en: 'The 90th percentile of the wait from entering the queue to being assigned (estimated from a fixed-bin histogram: the upper edge of the bin).',
    },
  },
  conversations: {
    id: 'conversations',
    unit: 'count',
    higherIsBetter: true,
    name: { zh: '会话量', en: 'Conversations' },
    definition: { zh: '该时段内开始的会话数。', en: 'Conversations that started in the period.' },
  },
};

export const DIMENSIONS = ['channel', 'team', 'agent', 'intent', 'language', 'tier'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
