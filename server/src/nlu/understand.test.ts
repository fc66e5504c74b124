import { describe, expect, it } from 'vitest';
import { ZH_EXAMPLES } from './intent/fixtures.test-data.ts';
import { trainIntentModel } from './intent/train.ts';
import { createUnderstander, MAX_MESSAGE_LENGTH } from './understand.ts';

const { model } = trainIntentModel(ZH_EXAMPLES, { seed: 1 });
const nlu = createUnderstander({ intents: model });

describe('understand', () => {
  it('returns every part for a Chinese message', () => {
    const r = nlu.understand('我的快递到哪了？非常着急！');
    expect(r.language).toBe('zh');
    expect(r.tokens.length).toBeGreaterThan(2);
    expect(r.tokens[0]).toMatchObject({ start: 0 });
    expect(r.intents[0]?.name).toBe('track');
    expect(r.outOfScope).toBe(false);
    expect(r.sentiment.emotions.anxiety).toBeGreaterThan(0.5);
    expect(r.degraded).toEqual([]);
  });

  it('resolves "那退款呢?" against the previous intent', () => {
    const r = nlu.understand('那退款呢?', { previousIntent: 'track' });
    expect(r.followUp).toBe(true);
    expect(r.intents[0]?.name).toBe('refund');
  });

  it('never throws on odd input', () => {
    const odd = [
      '',
      '   ',
      '\u0000\u0007\u001b',
      '\ud800\udc00\ud800',
      '😀😀🎉',
      'a'.repeat(100_000),
      '好'.repeat(100_000),
    ];
    for (const text of odd) {
      const r = nlu.understand(text);
      expect(r.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(Array.isArray(r.intents)).toBe(true);
    }
    expect(nlu.understand('a'.repeat(100_000)).truncated).toBe(true);
    expect(nlu.understand('😀😀').outOfScope).toBe(true);
    expect(nlu.understand(undefined as unknown as string).intents).toEqual([]);
    expect(MAX_MESSAGE_LENGTH).toBe(10_000);
  });

  it('works without an intent model', () => {
    const r = createUnderstander().understand('hello, I am very happy');
    expect(r.intents).toEqual([]);
    expect(r.outOfScope).toBe(true);
    expect(r.sentiment.label).toBe('positive');
  });
});
