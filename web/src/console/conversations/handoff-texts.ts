import type { Locale } from '../../shared/locale.ts';

/**
 * Texts of the hand-off brief, kept beside it rather than in the shared dictionary (which several screens edit at
 * once). Reason codes and intents the console does not know are shown as the server names them.
 */
const zh = {
  title: '转人工摘要',
  reason: '转人工原因',
  team: '目标团队',
  intent: '意图',
  entities: '已识别信息',
  sentiment: '情绪走势',
  anger: '愤怒程度',
  tried: '机器人尝试过',
  words: '客户原话',
  none: '无',
  'reason.asks_for_human': '客户要求人工',
  'reason.consecutive_misses': '机器人连续未能回答',
  'reason.negative_sentiment': '客户情绪负面',
  'reason.vip_customer': 'VIP 客户',
  'reason.sensitive_intent': '敏感诉求',
  'reason.repeated_question': '重复提问',
  'reason.complaint': '投诉',
  'reason.flow_failed': '业务流程失败',
  'trend.falling': '走低',
  'trend.rising': '回升',
  'trend.steady': '平稳',
  'kind.answer': '知识库回答',
  'kind.clarify': '澄清',
  'kind.flow': '流程',
  'kind.small_talk': '寒暄',
  'kind.fallback': '未理解',
  'kind.handoff': '转人工',
} as const;

export type HandoffTextKey = keyof typeof zh;

const en: Record<HandoffTextKey, string> = {
  title: 'Hand-off brief',
  reason: 'Why',
  team: 'Team',
  intent: 'Intent',
  entities: 'Details',
  sentiment: 'Sentiment trend',
  anger: 'Anger',
  tried: 'What the bot tried',
  words: "Customer's own words",
  none: 'None',
  'reason.asks_for_human': 'Customer asked for a person',
  'reason.consecutive_misses': 'The bot missed several times in a row',
  'reason.negative_sentiment': 'Negative sentiment',
  'reason.vip_customer': 'VIP customer',
  'reason.sensitive_intent': 'Sensitive request',
  'reason.repeated_question': 'Repeated question',
  'reason.complaint': 'Complaint',
  'reason.flow_failed': 'A task flow failed',
  'trend.falling': 'falling',
  'trend.rising': 'rising',
  'trend.steady': 'steady',
  'kind.answer': 'Knowledge-base answer',
  'kind.clarify': 'Clarifying question',
  'kind.flow': 'Flow',
  'kind.small_talk': 'Small talk',
  'kind.fallback': 'Not understood',
  'kind.handoff': 'Hand-off',
};

const TABLES: Record<Locale, Record<HandoffTextKey, string>> = { 'zh-CN': zh, en };

/** A brief text in the console's language; an unknown key (a new reason code) comes back as the key's last part. */
export function handoffText(locale: Locale, key: string): string {
  const table = TABLES[locale];
  return key in table ? table[key as HandoffTextKey] : (key.split('.').pop() ?? key);
}
