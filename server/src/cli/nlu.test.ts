import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EN_EXAMPLES } from '../nlu/intent/fixtures.test-data.ts';
import { run } from './nlu.ts';

const dir = mkdtempSync(join(tmpdir(), 'lingxi-nlu-cli-'));
const csv = (rows: string[][]) => rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')).join('\r\n');
const trainFile = join(dir, 'train.csv');
const testFile = join(dir, 'test.csv');
writeFileSync(trainFile, `\ufeff${csv([['text', 'intent'], ...EN_EXAMPLES.map((e) => [e.text, e.intent])])}`);
writeFileSync(
  testFile,
  csv([
    ['text', 'intent'],
    ['I need my money back', 'refund'],
    ['where is my parcel', 'track'],
    ['forgot password', 'password'],
    ['what is the weather in Paris', 'oos'],
  ]),
);
const sentimentFile = join(dir, 'sentiment.csv');
writeFileSync(
  sentimentFile,
  csv([
    ['text', 'label'],
    ['很满意', '1'],
    ['太难吃了', '0'],
    ['great service', 'positive'],
  ]),
);

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

const lastJson = () => JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;

describe('lingxi nlu eval', () => {
  it('rejects bad arguments with exit code 2 and a usage message', async () => {
    expect(await run([])).toBe(2);
    expect(await run(['train'])).toBe(2);
    expect(err).toContain('unknown subcommand');
    expect(await run(['eval', '--test', testFile])).toBe(2);
    expect(err).toContain('--task is required');
    expect(await run(['eval', '--task', 'intent', '--test', testFile, '--bogus'])).toBe(2);
    expect(await run(['eval', '--task', 'poetry', '--test', testFile])).toBe(2);
    expect(await run(['eval', '--task', 'intent', '--test', testFile, '--threshold', '7'])).toBe(2);
  });

  it('fails with exit code 1 on a missing file or missing --train', async () => {
    expect(await run(['eval', '--task', 'intent', '--test', testFile])).toBe(1);
    expect(await run(['eval', '--task', 'intent', '--train', join(dir, 'nope.csv'), '--test', testFile])).toBe(1);
  });

  it('prints intent metrics, the last line being JSON with the documented keys', async () => {
    expect(
      await run(['eval', '--task', 'intent', '--train', trainFile, '--test', testFile, '--oos-label', 'oos', '--json']),
    ).toBe(0);
    expect(out).toContain('in_scope_accuracy');
    const json = lastJson();
    for (const key of [
      'accuracy',
      'in_scope_accuracy',
      'oos_recall',
      'oos_precision',
      'macro_f1',
      'train_seconds',
      'latency_ms',
    ]) {
      expect(json).toHaveProperty(key);
    }
    expect(json.in_scope_accuracy).toBe(1);
  });

  it('scores the built-in sentiment model without --train', async () => {
    expect(await run(['eval', '--task', 'sentiment', '--test', sentimentFile, '--json'])).toBe(0);
    const json = lastJson();
    expect(json).toMatchObject({ accuracy: 1, model: 'builtin' });
    expect(json).toHaveProperty('macro_f1');
  });
});
