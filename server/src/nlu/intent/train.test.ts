import { describe, expect, it } from 'vitest';
import { EN_EXAMPLES, ZH_EXAMPLES } from './fixtures.test-data.ts';
import { followUpCore, predictWithContext } from './follow-up.ts';
import { loadIntentModel, serializeIntentModel } from './serialize.ts';
import { trainIntentModel } from './train.ts';
import { trainIntentModelInWorker } from './train-in-worker.ts';

describe('trainIntentModel', () => {
  const zh = trainIntentModel(ZH_EXAMPLES, { seed: 3 }).model;
  const en = trainIntentModel(EN_EXAMPLES, { seed: 3 }).model;

  it('classifies unseen Chinese phrasings', () => {
    expect(zh.predict('我想退款，钱什么时候退回')?.intents[0]?.name).toBe('refund');
    expect(zh.predict('我的包裹到哪里了')?.intents[0]?.name).toBe('track');
    expect(zh.predict('公司发票怎么开')?.intents[0]?.name).toBe('invoice');
    expect(zh.predict('密码忘了怎么办')?.intents[0]?.name).toBe('password');
  });

  it('classifies unseen English phrasings (inflections fold together)', () => {
    expect(en.predict('Refunding my purchase?').intents[0]?.name).toBe('refund');
    expect(en.predict('where are my packages').intents[0]?.name).toBe('track');
    expect(en.predict('I forgot the password for my account').intents[0]?.name).toBe('password');
  });

  it('returns every intent ranked, with confidences in [0, 1] summing to at most 1', () => {
    const p = zh.predict('发票开错了');
    expect(p.intents.map((i) => i.name).sort()).toEqual(['invoice', 'password', 'refund', 'track']);
    const confidences = p.intents.map((i) => i.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    for (const c of confidences) expect(c).toBeGreaterThanOrEqual(0);
    expect(confidences.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('rejects messages that match no intent, and the threshold is tunable', () => {
    expect(zh.predict('😀😀').outOfScope).toBe(true);
    expect(en.predict('qwzx vbnm').outOfScope).toBe(true);
    expect(zh.predict('我要退款', { threshold: 0 }).outOfScope).toBe(false);
    expect(zh.predict('我要退款', { threshold: 1 }).outOfScope).toBe(true);
  });

  it('uses out-of-scope examples when given', () => {
    const withOos = [
      ...ZH_EXAMPLES,
      ...['今天天气怎么样', '讲个笑话', '你喜欢什么电影', '北京有什么好吃的', '帮我订机票', '附近的加油站'].map(
        (text) => ({
          text,
          intent: 'oos',
        }),
      ),
    ];
    const model = trainIntentModel(withOos, { seed: 3 }).model;
    expect(model.intents).not.toContain('oos');
    expect(model.predict('明天天气怎么样').outOfScope).toBe(true);
    expect(model.predict('怎么申请退款').outOfScope).toBe(false);
  });

  it('calibrates in-scope confidence on a model that knows every intent', () => {
    // 4 intents × 8 examples, 3 rounds: the first keeps all intents and holds out 2 examples of each (the only
    // in-scope confidences); the other two each drop one whole intent (8 out-of-scope messages per round)
    const c = zh.data.calibration;
    expect(c.heldOutInScope).toBe(4 * 2);
    expect(c.heldOutOutOfScope).toBe(2 * 8);
    expect(c.threshold).toBeGreaterThan(0);
  });

  it('serializes to a compact file that loads back to the same predictions', () => {
    const bytes = serializeIntentModel(zh);
    const loaded = loadIntentModel(bytes);
    for (const text of ['退款', '查物流', '发票', '改密码', 'hello']) {
      expect(loaded.predict(text)).toEqual(zh.predict(text));
    }
    expect(() => loadIntentModel(new Uint8Array([1, 2, 3]))).toThrow(/not an intent model/);
  });

  it('resolves follow-ups against the previous intent', () => {
    expect(followUpCore('那退款呢?')).toBe('退款');
    expect(followUpCore('那么退款呢？')).toBe('退款');
    expect(followUpCore('我要退款')).toBeUndefined();
    expect(followUpCore('what about my refund?')).toBe('my refund');
    const refund = predictWithContext(zh, '那退款呢?', { previousIntent: 'track' });
    expect(refund.followUp).toBe(true);
    expect(refund.intents[0]?.name).toBe('refund');
    const inherited = predictWithContext(zh, '那明天呢?', { previousIntent: 'track' }, { hasNewSlotValue: true });
    expect(inherited).toMatchObject({ followUp: true, inherited: true, outOfScope: false });
    expect(inherited.intents[0]?.name).toBe('track');
    expect(predictWithContext(zh, '那明天呢?', undefined).followUp).toBe(false);
  });
});

describe('training data problems', () => {
  it('warns with row numbers and still trains', () => {
    const rows = [
      ...ZH_EXAMPLES,
      { text: '我要退款', intent: 'refund', row: 101 },
      { text: '查一下物流', intent: 'invoice', row: 102 },
      { text: '', intent: 'refund', row: 103 },
      { text: '人工客服', intent: '  转 人工  ', row: 104 },
      { text: 'x', intent: '', row: 105 },
    ];
    const { model, warnings } = trainIntentModel(rows);
    const codes = warnings.map((w) => w.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'duplicate',
        'conflicting_labels',
        'empty_text',
        'label_normalized',
        'single_example',
        'missing_intent',
      ]),
    );
    expect(warnings.find((w) => w.code === 'duplicate')?.message).toContain('101');
    expect(warnings.find((w) => w.code === 'empty_text')?.rows).toEqual([103]);
    expect(warnings.find((w) => w.code === 'single_example')?.intent).toBe('转 人工');
    expect(model.intents).toContain('转 人工');
  });

  it('trains a one-intent model on similarity, and refuses an empty set', () => {
    const { model, warnings } = trainIntentModel([
      { text: '我要退款', intent: '退款' },
      { text: '申请退款', intent: '退款' },
    ]);
    expect(warnings.map((w) => w.code)).toContain('single_intent');
    expect(model.predict('怎么退款').outOfScope).toBe(false);
    expect(model.predict('天气').outOfScope).toBe(true);
    expect(() => trainIntentModel([{ text: '', intent: 'a' }])).toThrow(/no usable training example/);
  });
});

describe('trainIntentModelInWorker', () => {
  it('trains on a worker thread without blocking the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const { model } = await trainIntentModelInWorker(EN_EXAMPLES, { seed: 3 });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
    expect(model.predict('track my parcel').intents[0]?.name).toBe('track');
  });
});
