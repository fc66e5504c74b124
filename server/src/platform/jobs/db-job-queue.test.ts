import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestDatabase, testEngines } from '../../../test/support/engines.ts';
import { ManualClock } from '../clock.ts';
import { DbJobQueue } from './db-job-queue.ts';
import { openJobsDatabase, silentLogger } from './job-queue.contract.ts';

const VISIBILITY = 60_000;

describe.each(testEngines())('DbJobQueue with a manual clock on %s', (engine) => {
  let database: TestDatabase | undefined;
  const queues: DbJobQueue[] = [];
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
    await database?.dispose();
    database = undefined;
  });

  async function setup() {
    database = await openJobsDatabase(engine);
    const clock = new ManualClock();
    // concurrency 1 for a "crashed" worker: its hung handler then keeps it from taking the job back itself.
    const open = (concurrency = 4) => {
      const queue = new DbJobQueue({
        db: database!.db,
        clock,
        concurrency,
        logger: silentLogger,
        pollIntervalMs: 5,
        visibilityTimeoutMs: VISIBILITY,
        backoff: { baseMs: 1_000, maxMs: 8_000, jitter: 0.2 },
        random: () => 0, // no jitter: exact delays
      });
      queues.push(queue);
      return queue;
    };
    return { clock, open };
  }

  it('waits exactly the backoff delay between attempts', async () => {
    const { clock, open } = await setup();
    const queue = open();
    const attempts: number[] = [];
    queue.handle('webhook.deliver', async (_p, job) => {
      attempts.push(job.attempt);
      throw new Error('502 Bad Gateway');
    });
    const { id } = await queue.enqueue('webhook.deliver', { url: 'https://example.com/hook' }, { maxAttempts: 4 });
    expect(await queue.runDue()).toBe(1);
    for (const delay of [1_000, 2_000, 4_000]) {
      clock.advance(delay - 1);
      expect(await queue.runDue()).toBe(0);
      clock.advance(1);
      expect(await queue.runDue()).toBe(1);
    }
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(await queue.get(id)).toMatchObject({ status: 'dead', attempts: 4, lastError: '502 Bad Gateway' });
  });

  it('gives a job to another worker once the first one stops renewing its claim', async () => {
    const { clock, open } = await setup();
    const crashed = open(1);
    const healthy = open();
    let releaseCrashed: () => void = () => {};
    crashed.handle('kb.import', () => new Promise<void>((resolve) => (releaseCrashed = resolve)));
    const healthyRuns: number[] = [];
    healthy.handle('kb.import', async (_p, job) => {
      healthyRuns.push(job.attempt);
    });
    const { id } = await crashed.enqueue('kb.import', { file: '常见问题.docx' });
    await crashed.start();
    await vi.waitFor(async () => expect((await crashed.get(id))?.status).toBe('running'));
    expect(await healthy.runDue()).toBe(0); // claimed and not expired
    clock.advance(VISIBILITY);
    expect(await healthy.runDue()).toBe(1);
    expect(healthyRuns).toEqual([2]);
    // The stuck worker finally returns: its claim is gone, so it cannot overwrite the result.
    releaseCrashed();
    await crashed.stop();
    expect(await healthy.get(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('dead-letters a job whose worker died during its last allowed attempt', async () => {
    const { clock, open } = await setup();
    const crashed = open(1);
    const healthy = open();
    crashed.handle('train.model', () => new Promise<void>(() => {}));
    healthy.handle('train.model', async () => {
      throw new Error('must not run a second time');
    });
    const { id } = await crashed.enqueue('train.model', {}, { maxAttempts: 1 });
    await crashed.start();
    await vi.waitFor(async () => expect((await crashed.get(id))?.status).toBe('running'));
    clock.advance(VISIBILITY);
    expect(await healthy.runDue()).toBe(0);
    const record = await healthy.get(id);
    expect(record).toMatchObject({ status: 'dead', attempts: 2 });
    expect(record?.lastError).toMatch(/visibility timeout/);
    queues.splice(queues.indexOf(crashed), 1); // its handler never returns: do not wait for it
  });

  it('only takes jobs it has a handler for, and prunes old finished jobs', async () => {
    const { clock, open } = await setup();
    const queue = open();
    queue.handle('a', async () => {});
    await queue.enqueue('a', {});
    const other = await queue.enqueue('b', {});
    expect(await queue.runDue()).toBe(1);
    expect((await queue.get(other.id))?.status).toBe('queued');
    clock.advance(25 * 3_600_000);
    expect(await queue.prune(24 * 3_600_000)).toBe(1);
    expect(await queue.get(other.id)).toBeDefined();
  });
});
