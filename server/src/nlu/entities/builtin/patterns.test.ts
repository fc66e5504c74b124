import { describe, expect, it } from 'vitest';
import { normalize } from '../../text/normalize.ts';
import { findEmails, findPhones, findUrls } from './contact.ts';
import { findBankCards, findIdCards } from './identity.ts';
import type { Match } from './match.ts';
import { findMoney } from './money.ts';
import { findQuantities } from './quantity.ts';
import { createReferenceFinder } from './references.ts';

function run(find: (t: string) => Match[], text: string) {
  const n = normalize(text).normalized;
  return find(n).map((m) => ({ text: n.slice(m.start, m.end), value: m.value }));
}

describe('phones', () => {
  it('finds mainland mobiles in common spellings and returns the bare number', () => {
    for (const t of ['电话13812345678', '打138 1234 5678吧', '+86 138-1234-5678', '１３８１２３４５６７８']) {
      expect(run(findPhones, t)[0]?.value).toMatchObject({ number: '13812345678', kind: 'mobile' });
    }
  });

  it('finds landlines, service and international numbers', () => {
    expect(run(findPhones, '座机0755-86013388转802')[0]?.value).toMatchObject({
      number: '075586013388',
      kind: 'landline',
      extension: '802',
    });
    expect(run(findPhones, '客服热线400-820-8820')[0]?.value).toMatchObject({ kind: 'service' });
    expect(run(findPhones, 'call +44 20 7946 0958 now')[0]?.value).toMatchObject({ number: '+442079460958' });
    expect(run(findPhones, 'call (555) 123-4567')[0]?.value).toMatchObject({ number: '+15551234567' });
  });

  it('does not take a slice of a longer number', () => {
    expect(run(findPhones, '卡号6217 0063 9007 3406 203')).toEqual([]);
    expect(run(findPhones, '订单2024138123456789')).toEqual([]);
  });
});

describe('email and url', () => {
  it('finds e-mails next to Chinese text, lowercased', () => {
    expect(run(findEmails, '邮箱ZhangWei@QQ.com谢谢')).toEqual([{ text: 'zhangwei@qq.com', value: 'zhangwei@qq.com' }]);
  });

  it('finds URLs without the sentence punctuation', () => {
    expect(run(findUrls, '看这里https://shop.example.com/a?b=1。')[0]?.text).toBe('https://shop.example.com/a?b=1');
    expect(run(findUrls, 'visit www.example.com.')[0]?.value).toBe('http://www.example.com');
    expect(run(findUrls, 'mail a@b.com')).toEqual([]);
  });
});

describe('id cards and bank cards', () => {
  it('reports only IDs with a correct check character', () => {
    expect(run(findIdCards, '身份证11010519491231002X')[0]?.value).toMatchObject({
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(run(findIdCards, '身份证110105194912310021')).toEqual([]);
  });

  it('reports only Luhn-valid cards, grouped or not', () => {
    expect(run(findBankCards, '卡号6222 0212 3456 7890 128')[0]?.value).toMatchObject({
      number: '6222021234567890128',
      network: 'unionpay',
    });
    expect(run(findBankCards, 'card 4111111111111111')[0]?.value).toMatchObject({ network: 'visa' });
    expect(run(findBankCards, '卡号6222 0212 3456 7890 127')).toEqual([]);
    expect(run(findBankCards, '身份证51010720031003696X')).toEqual([]);
  });
});

describe('money', () => {
  const amounts = (t: string) => run(findMoney, t).map((m) => m.value);
  it('reads symbols, Chinese units, Chinese numerals and magnitudes', () => {
    expect(amounts('¥199')).toEqual([{ amount: 199, currency: 'CNY' }]);
    expect(amounts('￥1,299.50')).toEqual([{ amount: 1299.5, currency: 'CNY' }]);
    expect(amounts('花了199元')).toEqual([{ amount: 199, currency: 'CNY' }]);
    expect(amounts('退两百块吧')).toEqual([{ amount: 200, currency: 'CNY' }]);
    expect(amounts('3.5万元')).toEqual([{ amount: 35000, currency: 'CNY' }]);
    expect(amounts('5块5')).toEqual([{ amount: 5.5, currency: 'CNY' }]);
    expect(amounts('五毛')).toEqual([{ amount: 0.5, currency: 'CNY' }]);
    expect(amounts('it was $5.99')).toEqual([{ amount: 5.99, currency: 'USD' }]);
    expect(amounts('20 dollars')).toEqual([{ amount: 20, currency: 'USD' }]);
    expect(amounts('100美元')).toEqual([{ amount: 100, currency: 'USD' }]);
  });

  it('does not read a classifier as money', () => {
    expect(amounts('我要两块蛋糕')).toEqual([]);
  });
});

describe('quantities', () => {
  it('finds counts with Chinese and English units but not durations', () => {
    expect(run(findQuantities, '买了3件，两箱')).toEqual([
      { text: '3件', value: { amount: 3, unit: '件' } },
      { text: '两箱', value: { amount: 2, unit: '箱' } },
    ]);
    expect(run(findQuantities, '2 boxes please')[0]?.value).toEqual({ amount: 2, unit: 'boxes' });
    expect(run(findQuantities, '等了3个月')).toEqual([]);
  });
});

describe('order and tracking numbers', () => {
  it('uses sensible defaults', () => {
    const find = createReferenceFinder();
    expect(run(find, '订单号：2024051012345678')[0]).toMatchObject({ text: '2024051012345678' });
    expect(run(find, '顺丰SF1234567890123到哪了')[0]).toMatchObject({ value: 'SF1234567890123' });
  });

  it('takes workspace patterns and ignores broken ones', () => {
    const find = createReferenceFinder({ orderNumbers: ['(?<![a-z0-9])lx\\d{8}(?![0-9])', '(unclosed'] });
    expect(run(find, '我的单是LX20240515')).toEqual([{ text: 'lx20240515', value: 'LX20240515' }]);
  });
});
