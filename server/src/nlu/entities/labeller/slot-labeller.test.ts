import { describe, expect, it } from 'vitest';
import { fromClueNer, parseAnnotated, parseClueNerJson } from './annotated.ts';
import { loadSlotLabeller, trainSlotLabeller } from './slot-labeller.ts';
import { decodeSpans, encodeSpans } from './tags.ts';

const TRAIN = [
  '我要退[iPhone 15](product)',
  '[iPhone 15](product)的屏幕坏了',
  '帮我查一下[华为Mate60](product)的物流',
  '[华为Mate60](product)能不能换货',
  '我想把[小米14](product)退了，因为[质量问题](reason)',
  '[小米14](product)收到就坏了，[屏幕碎了](reason)',
  '申请退货，原因是[尺码不合适](reason)',
  '[尺码不合适](reason)，想换一件',
  '我买的[AirPods](product)没声音',
  '[AirPods](product)左耳不响，[质量问题](reason)',
];

describe('annotated examples', () => {
  it('parses [text](type) markup with offsets into the clean text', () => {
    expect(parseAnnotated('我要退[iPhone 15](product)谢谢')).toEqual({
      text: '我要退iPhone 15谢谢',
      spans: [{ start: 3, end: 12, type: 'product' }],
    });
    expect(parseAnnotated('没有[标注]的文本').spans).toEqual([]);
  });

  it('reads CLUENER rows, one per line or pretty-printed', () => {
    const json =
      '{"text": "浙商银行叶老桂", "label": {"name": {"叶老桂": [[4, 6]]}, "company": {"浙商银行": [[0, 3]]}}}\n{\n "text": "无",\n "label": {}\n}';
    const rows = parseClueNerJson(json);
    expect(rows).toHaveLength(2);
    expect(fromClueNer(rows[0] as (typeof rows)[0]).spans).toEqual([
      { start: 0, end: 4, type: 'company' },
      { start: 4, end: 7, type: 'name' },
    ]);
  });
});

describe('BIOES tags', () => {
  it('round-trips spans', () => {
    const spans = [
      { start: 0, end: 1, type: 'a' },
      { start: 2, end: 5, type: 'b' },
    ];
    expect(decodeSpans(encodeSpans(6, spans, ['a', 'b']), ['a', 'b'])).toEqual(spans);
  });
});

describe('slot labeller', () => {
  const labeller = trainSlotLabeller(TRAIN, { epochs: 10, seed: 3 });

  it('learns the workspace slots from a few annotated examples', () => {
    expect(labeller.types).toEqual(['product', 'reason']);
    expect(labeller.label('我要退小米14')).toEqual([{ start: 3, end: 7, type: 'product', text: '小米14' }]);
    expect(labeller.label('AirPods坏了，质量问题').map((s) => [s.type, s.text])).toEqual([
      ['product', 'AirPods'],
      ['reason', '质量问题'],
    ]);
  });

  it('labels full-width and traditional spellings with original offsets', () => {
    const text = '我要退ｉＰｈｏｎｅ　１５';
    const spans = labeller.label(text);
    expect(spans).toEqual([{ start: 3, end: 12, type: 'product', text: 'ｉＰｈｏｎｅ　１５' }]);
  });

  it('serializes compactly and loads back to the same predictions', () => {
    const bytes = labeller.serialize();
    expect(bytes.byteLength).toBeLessThan(200_000);
    const loaded = loadSlotLabeller(bytes);
    for (const text of ['我要退小米14', '华为Mate60屏幕碎了', '尺码不合适']) {
      expect(loaded.label(text)).toEqual(labeller.label(text));
    }
    expect(() => loadSlotLabeller(new Uint8Array([1, 2, 3]))).toThrow();
  });

  it('uses dictionary matches as features', () => {
    const withDictionary = trainSlotLabeller(TRAIN, {
      epochs: 10,
      dictionary: [{ type: 'product', name: '小米14', synonyms: ['红米K70'] }],
    });
    expect(withDictionary.label('红米k70坏了').map((s) => s.text)).toEqual(['红米k70']);
  });

  it('accepts parsed examples as well as markup', () => {
    const parsed = trainSlotLabeller(TRAIN.map(parseAnnotated), { epochs: 10, seed: 3 });
    expect(parsed.label('我要退小米14')).toEqual(labeller.label('我要退小米14'));
  });

  it('handles empty input and an untrained labeller', () => {
    expect(labeller.label('')).toEqual([]);
    expect(trainSlotLabeller([]).label('我要退货')).toEqual([]);
  });
});
