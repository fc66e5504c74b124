import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { run } from './kb.ts';

const dir = mkdtempSync(join(tmpdir(), 'kb-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => {
    out += String(c);
    return true;
  });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    err += String(c);
    return true;
  });
  return fn().then(
    (code) => {
      o.mockRestore();
      e.mockRestore();
      return { code, out, err };
    },
    (error) => {
      o.mockRestore();
      e.mockRestore();
      throw error;
    },
  );
}

describe('lingxi kb eval', () => {
  const file = join(dir, 'pairs.tsv');
  writeFileSync(
    file,
    [
      '怎么申请退款\t退款怎么申请\t1',
      '发票怎么开\t开发票的流程是什么\t1',
      'how do I reset my password\tforgot my password\t1',
      '发票怎么开\t快递几天到\t0',
      'oops',
    ].join('\n'),
  );

  it('prints a table and, with --json, the metrics as the last line', async () => {
    const { code, out, err } = await capture(() => run(['eval', '--pairs', file, '--json']));
    expect(code).toBe(0);
    expect(out).toContain('top1');
    expect(err).toContain('line 5 skipped');
    const last = JSON.parse(out.trim().split('\n').at(-1) as string);
    expect(Object.keys(last)).toEqual([
      'entries',
      'queries',
      'top1',
      'recall5',
      'mrr10',
      'index_seconds',
      'latency_ms',
    ]);
    expect(last).toMatchObject({ entries: 4, queries: 3, top1: 1, recall5: 1, mrr10: 1 });
    expect(Object.keys(last.latency_ms)).toEqual(['p50', 'p99']);
  });

  it('explains bad usage with exit code 2 and a missing file with 1', async () => {
    expect((await capture(() => run(['eval']))).code).toBe(2);
    expect((await capture(() => run(['eval', '--pairs', file, '--nope']))).code).toBe(2);
    expect((await capture(() => run(['frobnicate']))).code).toBe(2);
    const missing = await capture(() => run(['eval', '--pairs', join(dir, 'absent.tsv')]));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('absent.tsv');
  });

  it('refuses to fit on a pair set: the defaults are fitted on the project corpus only', async () => {
    const refused = await capture(() => run(['fit', '--pairs', file]));
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('never fitted on');
  });
});
