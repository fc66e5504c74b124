import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.ts';
import { type QueueFixture, queueAdapters, silentLogger } from './job-queue.contract.ts';
import { type ScheduledRun, Scheduler } from './scheduler.ts';

const MINUTE = 60_000;

describe('Scheduler definitions', () => {
  const scheduler = () =>
    new Scheduler({ jobs: {} as never, clock: new ManualClock(), logger: silentLogger, graceMs: MINUTE });

  it('lists upcoming slots for every-N and cron schedules', () => {
    const s = scheduler();
    s.add({ name: 'sla.check', everyMs: 5 * MINUTE, job: 'sla.check' });
    s.add({ name: 'report.daily', cron: '0 8 * * *', utcOffsetMinutes: 480, job: 'report.send' });
    const start = Date.UTC(2026, 0, 5, 2, 1);
    expect(s.upcoming('sla.check', 2, start)).toEqual([Date.UTC(2026, 0, 5, 2, 5), Date.UTC(2026, 0, 5, 2, 10)]);
    expect(s.upcoming('report.daily', 1, start)).toEqual([Date.UTC(2026, 0, 6, 0, 0)]);
  });

  it('rejects ambiguous or invalid schedules', () => {
    const s = scheduler();
    expect(() => s.add({ name: 'a', job: 'a' })).toThrow(/exactly one/);
    expect(() => s.add({ name: 'a', everyMs: 5, job: 'a' })).toThrow(/at least 1000/);
    expect(() => s.add({ name: 'a', cron: '61 * * * *', job: 'a' })).toThrow();
    s.add({ name: 'a', everyMs: MINUTE, job: 'a' });
    expect(() => s.add({ name: 'a', everyMs: MINUTE, job: 'a' })).toThrow(/already exists/);
  });
});

describe.each(queueAdapters())('Scheduler on the job queue (%s)', (_name, makeFixture) => {
  let fixture: QueueFixture | undefined;
  afterEach(async () => {
    await fixture?.dispose();
    fixture = undefined;
  });

  it('runs each slot exactly once across two scheduler instances', async () => {
    fixture = await makeFixture();
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 2, 0, 30));
    const queue = fixture.open({ clock });
    const runs: ScheduledRun<{ scope: string }>[] = [];
    queue.handle<ScheduledRun<{ scope: string }>>('analytics.rollup', async (run) => {
      runs.push(run);
    });
    await queue.start();
    const definition = { name: 'rollup', everyMs: MINUTE, job: 'analytics.rollup', payload: { scope: '全部' } };
    const instances = [0, 1].map(
      () => new Scheduler({ jobs: fixture!.open({ clock }), clock, logger: silentLogger, graceMs: MINUTE }),
    );
    for (const s of instances) s.add(definition);
    let created = 0;
    for (let step = 0; step < 5; step++) {
      const counts = await Promise.all(instances.map((s) => s.tick()));
      created += counts.reduce((a, b) => a + b, 0);
      // Let the slot's run finish before the clock jumps a minute: a jump past the claim's visibility timeout
      // would rightly hand a still-running job to another worker.
      await vi.waitFor(() => expect(runs).toHaveLength(step + 1), { timeout: 10_000, interval: 5 });
      clock.advance(MINUTE);
    }
    const expectedSlots = [0, 1, 2, 3, 4].map((m) => Date.UTC(2026, 0, 5, 2, m));
    expect(created).toBe(5);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toHaveLength(5);
    expect(runs.map((r) => r.slot).sort()).toEqual(expectedSlots);
    expect(runs.every((r) => r.schedule === 'rollup' && r.payload.scope === '全部')).toBe(true);
  });

  it('skips slots older than the grace window instead of running a backlog', async () => {
    fixture = await makeFixture();
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 2, 0, 0));
    const queue = fixture.open({ clock });
    const scheduler = new Scheduler({ jobs: queue, clock, logger: silentLogger, graceMs: MINUTE });
    scheduler.add({ name: 'sla.check', everyMs: MINUTE, job: 'sla.check' });
    expect(await scheduler.tick()).toBe(1);
    clock.advance(10 * MINUTE); // the cron role was away for ten slots
    expect(await scheduler.tick()).toBe(1); // only the slot less than a minute late: 02:10
  });
});
