import { describe, expect, it } from 'vitest';
import { createTokenizer } from '../text/tokenizer.ts';
import { parseAnnotated } from './labeller/annotated.ts';
import { trainSlotLabeller } from './labeller/slot-labeller.ts';
import { createEntityRecognizer } from './recognizer.ts';

const REF = Date.parse('2024-05-15T10:00:00+08:00');

describe('entity recognizer', () => {
  const recognizer = createEntityRecognizer({
    dictionary: [
      { type: 'product', name: 'iPhone 15', synonyms: ['苹果手机', '爱疯15'] },
      { type: 'brand', name: '华为', synonyms: ['HUAWEI'] },
    ],
  });

  it('reports entities with offsets into the original, full-width and traditional text', () => {
    const text = '我的手機號是１３８　１２３４　５６７８，明天下午三點前聯繫我😡';
    const entities = recognizer.recognize(text, { referenceTime: REF, timeZone: 'Asia/Shanghai' });
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    expect(entities.map((e) => [e.type, e.text])).toEqual([
      ['phone', '１３８　１２３４　５６７８'],
      ['datetime', '明天下午三點'],
    ]);
  });

  it('maps dictionary synonyms to the canonical name, whatever the spelling', () => {
    const entities = recognizer.recognize('我要退蘋果手機，还有HuaWei的耳机');
    expect(entities.map((e) => [e.type, e.text, e.value])).toEqual([
      ['product', '蘋果手機', 'iPhone 15'],
      ['brand', 'HuaWei', '华为'],
    ]);
  });

  it('finds person, place and organization names from POS tags', () => {
    const types = recognizer.recognize('张三丰明天去上海浦东新区').map((e) => [e.type, e.text]);
    expect(types).toEqual(
      expect.arrayContaining([
        ['person', '张三丰'],
        ['place', '上海浦东新区'],
      ]),
    );
  });

  it('resolves overlaps: the longest and most specific match wins', () => {
    const text = '身份证11010519491231002X，订单号：2024051012345678';
    expect(recognizer.recognize(text).map((e) => e.type)).toEqual(['id_card', 'order_number']);
  });

  it('adds spans from a trained slot labeller', () => {
    const examples = [
      '我要退[小米14](product)',
      '[小米14](product)屏幕碎了',
      '帮我换[红米k70](product)',
      '[红米k70](product)充不进电',
    ];
    const labeller = trainSlotLabeller(Array.from({ length: 5 }, () => examples.map(parseAnnotated)).flat(), {
      epochs: 5,
    });
    const withSlots = createEntityRecognizer({ slotLabeller: labeller, builtins: [] });
    expect(withSlots.recognize('我要退小米14').map((e) => [e.type, e.text])).toEqual([['product', '小米14']]);
  });

  it('uses the tokens it is given, and the workspace tokenizer', () => {
    const tokenizer = createTokenizer({ userDictionary: [{ word: '欧阳锋', pos: 'nr' }] });
    const r = createEntityRecognizer({ tokenizer, builtins: ['person'] });
    expect(r.recognize('找欧阳锋').map((e) => e.text)).toEqual(['欧阳锋']);
    expect(r.recognize('找欧阳锋', { tokens: [] })).toEqual([]);
  });

  it('never throws on hostile input', () => {
    for (const text of ['', '😡😡', '\u0000\ud800', '1'.repeat(100_000), '退'.repeat(100_000)]) {
      expect(Array.isArray(recognizer.recognize(text))).toBe(true);
    }
  });
});
