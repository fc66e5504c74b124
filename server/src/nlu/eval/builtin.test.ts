import { describe, expect, it } from 'vitest';
import { idCardValid, luhnValid } from '../entities/builtin/checksums.ts';
import { generateBuiltinFixtures } from '../entities/fixtures/builtin-fixtures.ts';
import { evaluateBuiltinRecognizers } from './builtin.ts';
import { benchSegmentation } from './segmentation.ts';

describe('built-in recognizer fixtures', () => {
  it('are deterministic for a seed and mark entity spans exactly', () => {
    const a = generateBuiltinFixtures(50, 11);
    expect(generateBuiltinFixtures(50, 11)).toEqual(a);
    expect(generateBuiltinFixtures(50, 12)).not.toEqual(a);
    for (const s of a) for (const e of s.entities) expect(s.text.slice(e.start, e.end).length).toBe(e.end - e.start);
  });

  it('contain both valid and invalid IDs and cards, and only valid ones are expected', () => {
    const sentences = generateBuiltinFixtures(400, 5);
    const ids = sentences.flatMap((s) => s.text.match(/\d{17}[\dXx]/g) ?? []);
    expect(ids.some((id) => idCardValid(id))).toBe(true);
    expect(ids.some((id) => !idCardValid(id))).toBe(true);
    const expectedCards = sentences.flatMap((s) => s.entities.filter((e) => e.type === 'bank_card'));
    expect(expectedCards.every((e) => luhnValid(e.value))).toBe(true);
  });

  it('are recognized with high precision and recall', () => {
    const result = evaluateBuiltinRecognizers({ count: 300, seed: 99 });
    for (const [type, s] of Object.entries(result.perType)) {
      expect(s.gold, type).toBeGreaterThan(0);
      expect(s.precision, type).toBeGreaterThanOrEqual(0.99);
      expect(s.recall, type).toBeGreaterThanOrEqual(0.99);
    }
  });
});

describe('benchSegmentation', () => {
  it('reports both rates on the same messages', () => {
    const r = benchSegmentation(['我要退货，請問訂單號碼？', 'where is my order'], { rounds: 1 });
    expect(r.messages).toBe(2);
    expect(r.rawJiebaCharsPerSecond).toBeGreaterThan(0);
    expect(r.segmentCharsPerSecond).toBeGreaterThan(0);
    expect(r.slowdown).toBeGreaterThan(0);
    expect(r.rounds).toBe(1);
  });
});
