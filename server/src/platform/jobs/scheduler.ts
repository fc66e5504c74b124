import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { parseCron } from './cron.ts';
import { assertJobName, type JobQueue } from './job-queue.ts';

export interface ScheduleDefinition {
  /** Unique and stable: it is part of every run's jobKey (`<name>:<slot>`). */
  name: string;
  /** Run every this many ms, on slots aligned to the epoch, so every instance computes the same slots. */
  everyMs?: number;
  /** Or a five-field cron expression (see cron.ts). */
  cron?: string;
  /** The offset the cron expression is read in; 480 for China Standard Time. Default 0 (UTC). */
  utcOffsetMinutes?: number;
  /** The job enqueued for each slot. */
  job: string;
  payload?: unknown;
  maxAttempts?: number;
}

/** The payload of a scheduled job. */
export interface ScheduledRun<P = unknown> {
  schedule: string;
  /** The slot's time (epoch ms): what the run is for, whatever time it actually starts. */
  slot: number;
  payload: P;
}

export interface SchedulerOptions {
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  /** How often slots are checked. */
  tickMs?: number;
  /** A slot more than this late is skipped rather than run (e.g. after the cron role was down for a day). */
  graceMs?: number;
}

interface Entry {
  definition: ScheduleDefinition;
  nextSlot(after: number): number;
  /** The next slot not yet enqueued by this instance. */
  cursor: number | undefined;
}

/**
 * Turns schedules into jobs. Each slot becomes one job whose jobKey is `<schedule>:<slot>`, so however many
 * instances run the cron role, the queue's key idempotence lets exactly one job per slot through.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly tickMs: number;
  private readonly graceMs: number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<number> | undefined;

  constructor(private readonly options: SchedulerOptions) {
    this.tickMs = options.tickMs ?? 1_000;
    this.graceMs = options.graceMs ?? 60_000;
  }

  add(definition: ScheduleDefinition): void {
    if (!/^[a-z][a-z0-9_.-]{0,99}$/.test(definition.name))
      throw new Error(`invalid schedule name "${definition.name}"`);
    if (this.entries.has(definition.name)) throw new Error(`schedule "${definition.name}" already exists`);
    assertJobName(definition.job);
    this.entries.set(definition.name, { definition, nextSlot: slotFunction(definition), cursor: undefined });
  }

  /** The slots a schedule will run next (for the admin screen and tests). */
  upcoming(name: string, count: number, after = this.options.clock.now()): number[] {
    const entry = this.entries.get(name);
    if (!entry) return [];
    const slots: number[] = [];
    let t = after;
    while (slots.length < count) {
      t = entry.nextSlot(t);
      slots.push(t);
    }
    return slots;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
    await this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Enqueues every slot that has come due since the last tick; returns how many new jobs were created. */
  tick(): Promise<number> {
    // One tick at a time per instance; a slow database must not stack ticks up.
    this.ticking ??= this.enqueueDue().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async enqueueDue(): Promise<number> {
    const now = this.options.clock.now();
    let created = 0;
    for (const entry of this.entries.values()) {
      // Start with the first slot inside the grace window, so a restart right after a slot still runs it once.
      entry.cursor ??= entry.nextSlot(now - this.graceMs);
      while (entry.cursor <= now) {
        const slot = entry.cursor;
        if (slot > now - this.graceMs) {
          try {
            created += (await this.enqueue(entry.definition, slot)) ? 1 : 0;
          } catch (error) {
            // Keep the cursor: the next tick tries this slot again.
            this.options.logger.error({ err: error, schedule: entry.definition.name, slot }, 'schedule enqueue failed');
            break;
          }
        } else {
          this.options.logger.warn({ schedule: entry.definition.name, slot }, 'schedule slot missed; skipped');
        }
        entry.cursor = entry.nextSlot(slot);
      }
    }
    return created;
  }

  private async enqueue(definition: ScheduleDefinition, slot: number): Promise<boolean> {
    const run: ScheduledRun = { schedule: definition.name, slot, payload: definition.payload ?? null };
    const result = await this.options.jobs.enqueue(definition.job, run, {
      jobKey: `${definition.name}:${slot}`,
      ...(definition.maxAttempts === undefined ? {} : { maxAttempts: definition.maxAttempts }),
    });
    return result.created;
  }
}

function slotFunction(definition: ScheduleDefinition): (after: number) => number {
  const { everyMs, cron } = definition;
  if ((everyMs === undefined) === (cron === undefined)) {
    throw new Error(`schedule "${definition.name}" needs exactly one of everyMs and cron`);
  }
  if (cron !== undefined) return parseCron(cron, definition.utcOffsetMinutes ?? 0).next;
  if (!Number.isInteger(everyMs) || (everyMs as number) < 1_000) {
    throw new Error(`schedule "${definition.name}": everyMs must be an integer of at least 1000, got ${everyMs}`);
  }
  const every = everyMs as number;
  return (after) => (Math.floor(after / every) + 1) * every;
}
