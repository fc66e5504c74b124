import { describe, expect, it } from 'vitest';
import { questionDoc } from './question-doc.ts';
import { createSearchIndex } from './search-index.ts';
import type { SearchDoc } from './types.ts';

function faq(id: string, title: string, extra: Partial<SearchDoc> = {}): SearchDoc {
  return { ...questionDoc(id, title), ...extra };
}

const KB: SearchDoc[] = [
  faq('refund', '退款多久能到账？', {
    body: '退款审核通过后，原路退回，一般1-3个工作日到账。',
    categoryId: 'after-sales',
  }),
  faq('invoice', '怎么开发票', { body: '在订单详情页点击“申请开票”，电子发票会发到您的邮箱。', tags: ['finance'] }),
  faq('address', '下单后可以修改收货地址吗', { body: '发货前可在订单页修改地址。', channels: ['web'] }),
  faq('password', '忘记登录密码怎么办', { alternates: ['密码找不回来了', '登录不了账号'] }),
  faq('shipping', '快递一般几天能送到', { body: '同城次日达，其他地区2-4天。' }),
  faq('en-refund', 'How long does a refund take?', { body: 'Refunds reach your card in 3 to 5 business days.' }),
  faq('en-cancel', 'How do I cancel my order?', { body: 'Open the order and choose Cancel before it ships.' }),
  faq('en-password', 'I forgot my password', { body: 'Use the reset link on the sign-in page.' }),
  faq('promo', '双十一满减活动规则', {
    effectiveFrom: Date.UTC(2026, 10, 1),
    effectiveTo: Date.UTC(2026, 10, 12),
    body: '满300减50，可叠加店铺券。',
  }),
];

function index(opts: Parameters<typeof createSearchIndex>[0] = {}) {
  const idx = createSearchIndex(opts);
  for (const d of KB) idx.upsert(d);
  return idx;
}

const top = (idx: ReturnType<typeof index>, q: string, opts = {}) => idx.search(q, opts)[0]?.docId;

describe('hybrid search', () => {
  const idx = index();

  it('finds Chinese FAQs from paraphrased questions', () => {
    expect(top(idx, '退款什么时候到账')).toBe('refund');
    expect(top(idx, '发票怎么开')).toBe('invoice');
    expect(top(idx, '收货地址能改吗')).toBe('address');
    expect(top(idx, '快递几天到')).toBe('shipping');
  });

  it('finds English FAQs, folding inflections', () => {
    expect(top(idx, 'how long do refunds take')).toBe('en-refund');
    expect(top(idx, 'cancelling an order')).toBe('en-cancel');
    expect(top(idx, 'forgot password')).toBe('en-password');
  });

  it('matches similar questions (alternates) of an FAQ', () => {
    expect(top(idx, '我的密码找不回来了')).toBe('password');
  });

  it('matches pinyin homophone typos and says so', () => {
    const hits = idx.search('腿款多久到账');
    expect(hits[0]?.docId).toBe('refund');
    expect(hits[0]?.matched.some((m) => m.via === 'pinyin' && m.term === '退款')).toBe(true);
    expect(top(idx, '怎么开发飘')).toBe('invoice');
  });

  it('returns nothing for empty or punctuation-only queries', () => {
    expect(idx.search('')).toEqual([]);
    expect(idx.search('？？！')).toEqual([]);
  });

  it('filters by category, tag, channel and language', () => {
    expect(idx.search('退款', { categoryId: 'after-sales' }).map((h) => h.docId)).toEqual(['refund']);
    expect(idx.search('发票', { tag: 'finance' }).map((h) => h.docId)).toEqual(['invoice']);
    expect(idx.search('修改收货地址', { channel: 'app' }).map((h) => h.docId)).not.toContain('address');
    expect(top(idx, '修改收货地址', { channel: 'web' })).toBe('address');
    expect(idx.search('refund', { language: 'zh' }).every((h) => h.docId !== 'en-refund')).toBe(true);
    expect(top(idx, 'refund', { language: 'en' })).toBe('en-refund');
  });

  it('serves a promotion only inside its effective window', () => {
    expect(top(idx, '满减活动规则', { now: Date.UTC(2026, 10, 5) })).toBe('promo');
    expect(idx.search('满减活动规则', { now: Date.UTC(2026, 10, 20) }).map((h) => h.docId)).not.toContain('promo');
    expect(idx.search('满减活动规则', { now: Date.UTC(2026, 9, 20) }).map((h) => h.docId)).not.toContain('promo');
  });

  it('upserts, replaces and removes documents at once', () => {
    const local = index();
    local.upsert(faq('gift', '礼品卡怎么激活'));
    expect(top(local, '激活礼品卡')).toBe('gift');
    local.upsert(faq('gift', '会员积分怎么兑换'));
    expect(local.search('激活礼品卡').map((h) => h.docId)).not.toContain('gift');
    expect(top(local, '积分兑换')).toBe('gift');
    expect(local.remove('gift')).toBe(true);
    expect(local.remove('gift')).toBe(false);
    expect(local.search('积分兑换').map((h) => h.docId)).not.toContain('gift');
    expect(local.size).toBe(KB.length);
  });

  it('highlights matches with offsets into the original text', () => {
    const hit = idx.search('退款多久到账')[0];
    const title = hit?.highlights.find((h) => h.field === 'title');
    expect(title?.text).toBe('退款多久能到账？');
    const marked = title?.ranges.map(([s, e]) => title.text.slice(s, e));
    expect(marked).toContain('退款多久');
    expect(marked).toContain('到账');
    const en = idx.search('cancel order')[0]?.highlights.find((h) => h.field === 'title');
    expect(en?.ranges.map(([s, e]) => en.text.slice(s, e))).toEqual(['cancel', 'order']);
  });

  it('explains exact and n-gram matches', () => {
    const hit = idx.search('忘记密码了怎么办')[0];
    expect(hit?.docId).toBe('password');
    expect(hit?.matched).toContainEqual({ field: 'title', term: '密码', via: 'exact' });
  });
});

describe('synonyms', () => {
  it('expands a workspace synonym set at query time, and can change it without re-indexing', () => {
    const idx = createSearchIndex();
    idx.upsert(faq('a', '返利什么时候发放'));
    idx.upsert(faq('b', '积分什么时候发放'));
    idx.upsert(faq('c', '工资什么时候发放'));
    expect(idx.search('回馈金什么时候发放')[0]?.matched.some((m) => m.via === 'synonym')).toBe(false);
    idx.setSynonyms([['回馈金', '返利', '返现']]);
    const hits = idx.search('回馈金什么时候发放');
    expect(hits[0]?.docId).toBe('a');
    expect(hits[0]?.matched).toContainEqual({ field: 'title', term: '返利', via: 'synonym' });
    idx.setSynonyms([]);
    expect(idx.search('回馈金什么时候发放')[0]?.matched.some((m) => m.via === 'synonym')).toBe(false);
  });

  it('ships general paraphrase sets (怎样 = 怎么 = 如何)', () => {
    const idx = createSearchIndex();
    idx.upsert(faq('a', '如何辨别真伪'));
    idx.upsert(faq('b', '如何申请退货'));
    expect(top(idx, '怎样分辨真假')).toBe('a');
  });
});

describe('confidence', () => {
  const idx = index();

  it('is in [0, 1] and never increases down the list', () => {
    for (const q of ['退款多久到账', 'how do I cancel', '发票', '今天天气怎么样', 'xyz']) {
      const hits = idx.search(q, { limit: 9 });
      for (const h of hits) {
        expect(h.confidence).toBeGreaterThanOrEqual(0);
        expect(h.confidence).toBeLessThanOrEqual(1);
      }
      for (let i = 1; i < hits.length; i++) {
        expect(hits[i]?.confidence).toBeLessThanOrEqual(hits[i - 1]?.confidence as number);
        expect(hits[i]?.score).toBeLessThanOrEqual(hits[i - 1]?.score as number);
      }
    }
  });

  it('is high for a near-exact question and low for an unrelated one', () => {
    expect(idx.search('退款多久能到账')[0]?.confidence).toBeGreaterThan(0.7);
    // below the 0.5 at which the bot answers (the calibration is fitted on the project corpus, training/)
    const unrelated = idx.search('你们公司的股票代码是多少')[0]?.confidence ?? 0;
    expect(unrelated).toBeLessThan(0.5);
  });
});

describe('learning', () => {
  it('learns word associations from similar questions', () => {
    const idx = createSearchIndex();
    idx.upsert(faq('a', '如何申请售后', { alternates: ['怎么找售后维修', '售后服务在哪里申请'] }));
    idx.upsert(faq('b', '维修网点查询', { alternates: ['附近的维修网点在哪里', '哪里可以修手机'] }));
    idx.upsert(faq('c', '如何申请保价', { alternates: ['怎么申请价格保护'] }));
    idx.upsert(faq('d', '售后电话是多少', { alternates: ['客服热线是多少', '售后热线'] }));
    idx.upsert(faq('e', '如何联系售后', { alternates: ['售后热线在哪看'] }));
    const hits = idx.search('热线号码', { limit: 5 });
    expect(hits[0]?.docId).toBe('d');
  });

  it('learns from feedback: a resolving question is taught, an unresolved answer is pushed down', () => {
    const idx = index();
    // (the built-in synonyms already map "钱什么时候退回来" to 退款/到账: this wording shares nothing with the FAQ)
    const q = '我的钱啥时候能回来';
    const before = idx.search(q).map((h) => h.docId);
    idx.learnFromFeedback(q, 'refund', true);
    const after = idx.search(q);
    expect(after[0]?.docId).toBe('refund');
    expect(after[0]?.matched.some((m) => m.via === 'learned')).toBe(true);
    expect(before.indexOf('refund')).not.toBe(0);
    // a similar new question also benefits
    expect(top(idx, '我的钱啥时候才能回来啊')).toBe('refund');

    const wrong = top(idx, '快递几天到');
    expect(wrong).toBe('shipping');
    const firstScore = idx.search('快递几天到')[0]?.score as number;
    idx.learnFromFeedback('快递几天到', 'shipping', false);
    idx.learnFromFeedback('快递几天到', 'shipping', false);
    const pushed = idx.search('快递几天到').find((h) => h.docId === 'shipping');
    expect(pushed?.score).toBeLessThan(firstScore);
  });

  it('teaches only the doc the feedback names, and keeps its 20 latest lessons', () => {
    const idx = index();
    // words no article holds, sharing no term with each other: only a taught question can match them
    const lessons = Array.from({ length: 21 }, (_, i) => `zq${String.fromCharCode(97 + i)}vx`);
    for (const lesson of lessons) idx.learnFromFeedback(lesson, 'shipping', true);
    idx.learnFromFeedback('wombat', 'invoice', true);
    expect(top(idx, lessons[20] as string)).toBe('shipping');
    expect(top(idx, lessons[1] as string)).toBe('shipping');
    expect(top(idx, lessons[0] as string)).toBeUndefined();
    expect(idx.search('wombat').map((h) => h.docId)).toEqual(['invoice']);
  });

  it('keeps what feedback taught when the article is republished', () => {
    const idx = index();
    idx.learnFromFeedback('钱什么时候退回来', 'refund', true);
    idx.upsert(KB[0] as SearchDoc);
    expect(top(idx, '钱什么时候退回来')).toBe('refund');
  });
});
