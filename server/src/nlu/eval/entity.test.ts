import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateEntities, scoreEntities } from './entity.ts';

describe('scoreEntities', () => {
  it('counts exact span + type matches, micro and per type', () => {
    const gold = [
      [
        { start: 0, end: 2, type: 'name' },
        { start: 3, end: 5, type: 'company' },
      ],
    ];
    const predicted = [
      [
        { start: 0, end: 2, type: 'name' },
        { start: 3, end: 6, type: 'company' },
      ],
    ];
    const s = scoreEntities(gold, predicted);
    expect(s).toMatchObject({ precision: 0.5, recall: 0.5, f1: 0.5, correct: 1 });
    expect(s.perType.name).toMatchObject({ precision: 1, recall: 1 });
    expect(s.perType.company).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('evaluateEntities', () => {
  it('trains on one CLUENER file and scores another', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lingxi-ner-'));
    const rows = [
      { text: '张伟在腾讯公司上班', label: { name: { 张伟: [[0, 1]] }, company: { 腾讯公司: [[3, 6]] } } },
      { text: '李娜去了阿里巴巴公司', label: { name: { 李娜: [[0, 1]] }, company: { 阿里巴巴公司: [[4, 9]] } } },
      { text: '王芳加入百度公司', label: { name: { 王芳: [[0, 1]] }, company: { 百度公司: [[4, 7]] } } },
    ];
    const train = join(dir, 'train.json');
    writeFileSync(
      train,
      Array.from({ length: 4 }, () => rows.map((r) => JSON.stringify(r)))
        .flat()
        .join('\n'),
    );
    const test = join(dir, 'dev.json');
    writeFileSync(
      test,
      JSON.stringify({
        text: '张伟加入百度公司',
        label: { name: { 张伟: [[0, 1]] }, company: { 百度公司: [[4, 7]] } },
      }),
    );
    const result = await evaluateEntities({ trainFile: train, testFile: test, training: { epochs: 5 } });
    expect(result.trainRows).toBe(12);
    expect(result.testRows).toBe(1);
    expect(result.f1).toBe(1);
    expect(result.modelBytes).toBeGreaterThan(0);
    await expect(evaluateEntities({ testFile: test })).rejects.toThrow(/trainFile/);
  });
});
