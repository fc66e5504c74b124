import { describe, expect, it } from 'vitest';
import { createSentimentAnalyzer, loadSentimentModel, serializeSentimentModel, trainSentiment } from './index.ts';

const builtin = createSentimentAnalyzer();
const score = (t: string) => builtin.analyze(t).score;

describe('built-in sentiment (zh)', () => {
  it('reads polarity, degree and negation', () => {
    expect(builtin.analyze('很满意').label).toBe('positive');
    expect(builtin.analyze('不太满意').label).toBe('negative');
    expect(score('不太满意')).toBeGreaterThan(score('非常不满意'));
    expect(score('非常好吃')).toBeGreaterThan(score('好吃'));
    expect(score('非常生气')).toBeLessThan(score('生气'));
    expect(builtin.analyze('送餐太慢了，菜都凉了').label).toBe('negative');
  });

  it('weights the clause after 但是 more', () => {
    expect(builtin.analyze('味道还行，但是送得太慢了').label).toBe('negative');
  });

  it('reports emotions with intensity', () => {
    const angry = builtin.analyze('非常生气！！我要投诉');
    expect(angry.emotions.anger).toBeGreaterThan(0.7);
    expect(builtin.analyze('生气').emotions.anger).toBeLessThan(angry.emotions.anger);
    expect(builtin.analyze('着急，快点发货').emotions.anxiety).toBeGreaterThan(0.5);
    expect(builtin.analyze('太失望了').emotions.disappointment).toBeGreaterThan(0.5);
    expect(builtin.analyze('很满意，谢谢').emotions.satisfaction).toBeGreaterThan(0.5);
  });
});

describe('built-in sentiment (en) and emoji', () => {
  it('handles negation and degree', () => {
    expect(builtin.analyze('not bad at all').label).toBe('positive');
    expect(builtin.analyze('not good').label).toBe('negative');
    expect(score('extremely disappointed')).toBeLessThan(score('disappointed'));
    expect(score('a bit slow')).toBeGreaterThan(score('slow'));
    expect(score('a bit slow')).toBeLessThan(0);
    expect(builtin.analyze('I am really angry, this is urgent!').emotions.anger).toBeGreaterThan(0.5);
  });

  it('reads emoji and stays in range on odd input', () => {
    expect(builtin.analyze('😡😡').label).toBe('negative');
    expect(builtin.analyze('👍').label).toBe('positive');
    for (const t of ['', '\u0000\ud800', '好'.repeat(5000)]) {
      const r = builtin.analyze(t);
      expect(r.score).toBeGreaterThanOrEqual(-1);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});

describe('trained sentiment', () => {
  it('learns domain words and round-trips through JSON', () => {
    const rows = [
      ...['发货神速', '包装结实', '客服秒回', '物流给力', '宝贝很赞'].map((text) => ({ text, label: '1' })),
      ...['等了三天才发货', '包装压扁了', '客服不回消息', '东西和图片不一样', '发错颜色了'].map((text) => ({
        text,
        label: '0',
      })),
      { text: '???', label: 'maybe' },
    ];
    const model = trainSentiment(rows);
    const warnings = model.warnings;
    expect(warnings[0]).toContain('row 11');
    const analyzer = createSentimentAnalyzer(loadSentimentModel(serializeSentimentModel(model)));
    expect(analyzer.analyze('发货神速，包装结实').label).toBe('positive');
    expect(analyzer.analyze('客服不回消息').label).toBe('negative');
  });
});
