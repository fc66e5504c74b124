import { describe, expect, it } from 'vitest';
import { extractPairs, maskPersonalData, mineCandidates, type Transcript } from './mine-candidates.ts';

const c = (text: string) => ({ sender: 'contact' as const, text });
const a = (text: string) => ({ sender: 'agent' as const, text });
const b = (text: string) => ({ sender: 'bot' as const, text });

const TRANSCRIPTS: Transcript[] = [
  {
    conversationId: 'conv_1',
    messages: [
      c('你好'),
      b('您好，我是灵犀助手'),
      c('请问怎么申请退款？'),
      a('您好，请问有什么可以帮您？'),
      a('在订单详情页点击“申请退款”，审核通过后 1-3 个工作日原路退回。'),
      c('好的谢谢'),
    ],
  },
  {
    conversationId: 'conv_2',
    messages: [
      c('申请退款怎么操作'),
      a('请问您的订单号是多少？'),
      c('订单号 2026112612345678'),
      a('在订单详情页点击“申请退款”即可，审核通过后 1-3 个工作日退回。'),
    ],
  },
  {
    conversationId: 'conv_3',
    messages: [c('怎么退款啊'), a('在订单详情页点击申请退款，审核后 1-3 个工作日原路退回。')],
  },
  {
    conversationId: 'conv_4',
    messages: [c('发票怎么开'), a('下单时勾选“开具发票”，或在订单完成后到订单详情页申请。')],
  },
  {
    conversationId: 'conv_5',
    messages: [c('怎么开发票？'), a('订单完成后在订单详情页申请开票，电子发票会发到 zhang@example.com。')],
  },
  {
    conversationId: 'conv_6',
    messages: [
      c('How do I reset my password?'),
      a('Use "Forgot password" on the sign-in page; the link arrives by e-mail.'),
    ],
  },
  { conversationId: 'conv_7', messages: [c('你们几点下班'), b('我们的服务时间是 9:00-21:00。')] },
  {
    conversationId: 'conv_8',
    messages: [c('怎么申请退款'), a('在订单详情页点击“申请退款”。'), c('怎么申请退款'), a('同上。')],
  },
];

describe('extractPairs', () => {
  it('pairs the customer question with the agent answer, past greetings and clarifying questions', () => {
    expect(extractPairs(TRANSCRIPTS[1]!)).toEqual([
      {
        conversationId: 'conv_2',
        question: '申请退款怎么操作',
        answer: '在订单详情页点击“申请退款”即可，审核通过后 1-3 个工作日退回。',
      },
    ]);
    expect(extractPairs(TRANSCRIPTS[0]!).map((p) => p.question)).toEqual(['请问怎么申请退款？']);
  });

  it('ignores what only the bot answered, and counts a question once per conversation', () => {
    expect(extractPairs(TRANSCRIPTS[6]!)).toEqual([]);
    expect(extractPairs(TRANSCRIPTS[7]!)).toHaveLength(1);
  });

  it('masks personal numbers and e-mail addresses', () => {
    expect(maskPersonalData('订单 2026112612345678，电话 138 0013 8000，邮箱 li@example.cn，3 天')).toBe(
      '订单 [number]，电话 [number]，邮箱 [email]，3 天',
    );
  });
});

describe('mineCandidates', () => {
  it('clusters near-duplicates and ranks them by the conversations that asked', () => {
    const mined = mineCandidates(TRANSCRIPTS);
    expect(mined.map((m) => [m.frequency, m.language])).toEqual([
      [4, 'zh'],
      [2, 'zh'],
    ]);
    const refund = mined[0]!;
    expect(refund.conversationIds.sort()).toEqual(['conv_1', 'conv_2', 'conv_3', 'conv_8']);
    expect(refund.question).toMatch(/退款/);
    expect(refund.alternates.length).toBeGreaterThanOrEqual(2);
    expect(refund.answer).toMatch(/订单详情页/);
    expect(mined[1]?.answer).not.toContain('example.com');
  });

  it('keeps singletons when asked to', () => {
    const mined = mineCandidates(TRANSCRIPTS, { minFrequency: 1 });
    expect(mined.some((m) => m.language === 'en' && m.frequency === 1)).toBe(true);
  });
});
