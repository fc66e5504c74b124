import { afterEach, describe, expect, it, vi } from 'vitest';
import { type QueueFixture, queueAdapters } from './job-queue.contract.ts';
import { backoffDelay } from './job-queue.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitLong = { timeout: 10_000, interval: 10 };

describe('backoffDelay', () => {
  const options = { baseMs: 1_000, maxMs: 10_000, jitter: 0.5 };
  it('doubles per failure up to the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options, () => 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
  it('takes at most the jitter fraction away', () => {
    expect(backoffDelay(3, options, () => 0.999_999)).toBe(2_000);
    expect(backoffDelay(3, options, () => 0.5)).toBe(3_000);
  });
});

describe.each(queueAdapters())('JobQueue contract (%s)', (_name, makeFixture) => {
  let fixture: QueueFixture | undefined;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = undefined;
  });

  it('runs a job with its payload once and records it done', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    const seen: unknown[] = [];
    queue.handle<{ article: string }>('kb.import', async (payload, job) => {
      seen.push({ payload, attempt: job.attempt, name: job.name });
    });
    await queue.start();
    const { id, created } = await queue.enqueue('kb.import', { article: '退货政策 Return policy' });
    expect(created).toBe(true);
    await vi.waitFor(async () => expect((await queue.get(id))?.status).toBe('done'), waitLong);
    expect(seen).toEqual([{ payload: { article: '退货政策 Return policy' }, attempt: 1, name: 'kb.import' }]);
    expect(await queue.get(id)).toMatchObject({ name: 'kb.import', attempts: 1, lastError: null });
  });

  it('treats a second enqueue with the same jobKey as a no-op', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    const runs: string[] = [];
    queue.handle<{ n: number }>('webhook.deliver', async (payload) => {
      runs.push(`run ${payload.n}`);
    });
    const first = await queue.enqueue('webhook.deliver', { n: 1 }, { jobKey: 'delivery:订单-42' });
    const second = await queue.enqueue('webhook.deliver', { n: 2 }, { jobKey: 'delivery:订单-42' });
    expect(second).toEqual({ id: first.id, created: false });
    await queue.start();
    await vi.waitFor(async () => expect((await queue.get(first.id))?.status).toBe('done'), waitLong);
    const third = await queue.enqueue('webhook.deliver', { n: 3 }, { jobKey: 'delivery:订单-42' });
    expect(third.created).toBe(false);
    await sleep(50);
    expect(runs).toEqual(['run 1']);
  });

  it('retries a failing job with growing delays until it succeeds', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    const startedAt: number[] = [];
    queue.handle('crawl.page', async (_payload, job) => {
      startedAt.push(Date.now());
      if (job.attempt < 3) throw new Error(`timeout ${job.attempt}`);
    });
    await queue.start();
    const { id } = await queue.enqueue('crawl.page', { url: 'https://example.com/帮助' }, { maxAttempts: 5 });
    await vi.waitFor(async () => expect((await queue.get(id))?.status).toBe('done'), waitLong);
    expect(startedAt).toHaveLength(3);
    const [a, b, c] = startedAt as [number, number, number];
    // base 10 ms, doubling, at most 20 % jitter: ≥ 8 ms then ≥ 16 ms.
    expect(b - a).toBeGreaterThanOrEqual(7);
    expect(c - b).toBeGreaterThanOrEqual(15);
    expect(await queue.get(id)).toMatchObject({ attempts: 3 });
  });

  it('dead-letters a job after maxAttempts and keeps the last error', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    let calls = 0;
    queue.handle('train.model', async (_payload, job) => {
      calls++;
      throw new Error(`语料为空 (attempt ${job.attempt}/${job.maxAttempts})`);
    });
    await queue.start();
    const { id } = await queue.enqueue('train.model', {}, { maxAttempts: 2 });
    await vi.waitFor(async () => expect((await queue.get(id))?.status).toBe('dead'), waitLong);
    expect(await queue.get(id)).toMatchObject({ attempts: 2, maxAttempts: 2, lastError: '语料为空 (attempt 2/2)' });
    await sleep(50);
    expect(calls).toBe(2);
  });

  it('keeps jobs across a restart of the queue', async () => {
    fixture = await makeFixture();
    const before = fixture.open();
    const { id } = await before.enqueue('mining.run', { window: '2026-01' });
    await before.close();
    const after = fixture.open();
    const seen: unknown[] = [];
    after.handle('mining.run', async (payload) => {
      seen.push(payload);
    });
    await after.start();
    await vi.waitFor(async () => expect((await after.get(id))?.status).toBe('done'), waitLong);
    expect(seen).toEqual([{ window: '2026-01' }]);
  });

  it('never gives one job to two concurrent workers', async () => {
    fixture = await makeFixture();
    const workers = [fixture.open({ concurrency: 3 }), fixture.open({ concurrency: 3 })];
    const runs: number[] = [];
    for (const worker of workers) {
      worker.handle<{ n: number }>('webhook.deliver', async (payload) => {
        runs.push(payload.n);
        await sleep(2);
      });
    }
    const ids = [];
    for (let n = 0; n < 30; n++) ids.push((await workers[0]!.enqueue('webhook.deliver', { n })).id);
    await Promise.all(workers.map((w) => w.start()));
    await vi.waitFor(() => expect(runs).toHaveLength(30), waitLong);
    await sleep(50);
    expect([...runs].sort((x, y) => x - y)).toEqual([...Array(30).keys()]);
  });

  it('does not run a job before runAt', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    const ranAt: number[] = [];
    queue.handle('survey.send', async () => {
      ranAt.push(Date.now());
    });
    await queue.start();
    const runAt = Date.now() + 150;
    await queue.enqueue('survey.send', { conversation: 'conv_1' }, { runAt });
    await vi.waitFor(() => expect(ranAt).toHaveLength(1), waitLong);
    expect(ranAt[0]).toBeGreaterThanOrEqual(runAt - 5); // BullMQ's delay is computed from its own timestamp
  });

  it('stop() waits for the jobs in progress', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    let started = false;
    let finished = false;
    queue.handle('backup.write', async () => {
      started = true;
      await sleep(80);
      finished = true;
    });
    await queue.start();
    await queue.enqueue('backup.write', {});
    await vi.waitFor(() => expect(started).toBe(true), waitLong);
    await queue.stop();
    expect(finished).toBe(true);
  });

  it('rejects names that cannot be queue names', async () => {
    fixture = await makeFixture();
    const queue = fixture.open();
    await expect(queue.enqueue('Bad:Name', {})).rejects.toThrow(/invalid job name/);
    await expect(queue.enqueue('ok', {}, { maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
  });
});
