import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/src/platform/db/database.ts';
import { toJson } from '../server/src/platform/db/dialect.ts';
import { migrateToLatest } from '../server/src/platform/db/migrate.ts';
import { assignWaiting } from '../server/src/routing/commands/assign-waiting.ts';
import { SeededRandom } from '../server/src/routing/engine/random.ts';
import { steadyWorld } from '../server/src/routing/simulator/decision-timing.ts';
import { loadRoutingState, planForState } from '../server/src/routing/snapshot.ts';
import { routingBed } from '../server/src/routing/testing.ts';

/**
 * The routing pass around the decision, in embedded mode (part of `npm run bench:routing`): the decision timing's
 * steady state (1,000 agents, 10,000 waiting; bench's decision-timing.ts) written to a fresh SQLite database, then
 * - load: `loadRoutingState(…, { waiting: 'reachable' })`, what the live assigner reads before each decision (I/O
 *   and row decoding): agents, settings, and the part of the line an agent with room could take;
 * - decision on the loaded state: `planAssignments` on exactly what the assigner passes it, after one agent freed
 *   a slot (the same call as in commands/assign-waiting.ts);
 * - pass: the whole `assignWaiting` after one agent freed a slot: lock, load, decide, claim (one transaction),
 *   events. The conversations side is the routing test bed's stand-in (routing's own tables are real).
 */
export interface RoutingLoadResult {
  agents: number;
  waiting: number;
  samples: number;
  load_ms: Quantiles;
  load_cpu_ms: Quantiles;
  decision_ms: Quantiles;
  decision_cpu_ms: Quantiles;
  pass_ms: Quantiles;
  pass_cpu_ms: Quantiles;
  assigned: number;
  /** How many waiting rows the assigner's load read (only what the agent with room could take). */
  line_read: Quantiles;
  load_avg_1m: number;
}

interface Quantiles {
  p50: number;
  p99: number;
  max: number;
}

function quantiles(values: number[]): Quantiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0) * 100) / 100;
  return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

async function timed<T>(wall: number[], cpu: number[], run: () => Promise<T> | T): Promise<T> {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  wall.push(performance.now() - started);
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
  return result;
}

export async function runRoutingLoadBench(options: { samples?: number } = {}): Promise<RoutingLoadResult> {
  const samples = options.samples ?? 40;
  const world = steadyWorld();
  const dir = mkdtempSync(join(tmpdir(), 'lingxi-bench-routing-'));
  const database = await openDatabase({ url: join(dir, 'bench.db') });
  try {
    await migrateToLatest(database.db);
    const bed = await routingBed(database);
    const { workspaceId } = bed;
    const now = bed.clock.now();
    const shift = now - world.now;
    await database.db.transaction().execute(async (trx) => {
      for (const agent of world.agents) {
        await trx
          .insertInto('users')
          .values({
            id: agent.id,
            workspace_id: workspaceId,
            email: `${agent.id}@bench.test`,
            name: agent.id,
            role: 'agent',
            password_hash: 'x',
            locale: 'zh-CN',
            disabled: 0,
            failed_logins: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto('routing_agents')
          .values({
            workspace_id: workspaceId,
            user_id: agent.id,
            skills: toJson(agent.skills),
            languages: toJson(agent.languages),
            teams: toJson(agent.teams),
            level: agent.level,
            last_assigned_at: agent.lastAssignedAt + shift,
            updated_at: now,
          })
          .execute();
        for (const channel of ['web_widget', 'api'])
          await trx
            .insertInto('routing_agent_load')
            .values({
              workspace_id: workspaceId,
              user_id: agent.id,
              channel,
              capacity: agent.capacity[channel] ?? 0,
              load: agent.load[channel] ?? 0,
            })
            .execute();
        await trx
          .insertInto('agent_presence')
          .values({
            workspace_id: workspaceId,
            user_id: agent.id,
            status: agent.online ? 'online' : 'offline',
            updated_at: now,
          })
          .execute();
      }
      for (const c of world.waiting)
        await trx
          .insertInto('queue_entries')
          .values({
            conversation_id: c.id,
            workspace_id: workspaceId,
            team: c.team,
            priority: 0,
            reason: 'asks_for_human',
            enqueued_at: c.enqueuedAt + shift,
            channel: c.channel,
            language: c.language,
            skills: toJson(c.skills),
            level: c.level,
            value_tier: c.valueTier,
            complexity: c.complexity,
            sentiment: c.sentiment,
          })
          .execute();
    });
    const random = new SeededRandom(9);
    const busy = world.agents.filter((a) => a.online && Object.values(a.load).some((n) => n > 0));
    const freeOneSlot = async () => {
      const agent = random.pick(busy);
      const channel = Object.keys(agent.load).find((c) => (agent.load[c] ?? 0) > 0) as string;
      await database.db
        .updateTable('routing_agent_load')
        .set((eb) => ({ load: eb('load', '-', 1) }))
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', agent.id)
        .where('channel', '=', channel)
        .where('load', '>', 0)
        .execute();
    };
    const loadWall: number[] = [];
    const loadCpu: number[] = [];
    const decisionWall: number[] = [];
    const decisionCpu: number[] = [];
    const passWall: number[] = [];
    const passCpu: number[] = [];
    let assigned = 0;
    const lineRead: number[] = [];
    // Warm-up (not counted): a long-running server has its statements prepared and its code compiled.
    const warm = await loadRoutingState(bed.ctx, workspaceId);
    for (let i = 0; i < 5; i++) await loadRoutingState(bed.ctx, workspaceId, { waiting: 'reachable' });
    for (let i = 0; i < 30; i++) planForState(warm);
    for (let i = 0; i < samples; i++) {
      bed.clock.advance(1000);
      await freeOneSlot();
      const state = await timed(loadWall, loadCpu, () =>
        loadRoutingState(bed.ctx, workspaceId, { waiting: 'reachable' }),
      );
      lineRead.push(state.waiting.length);
      // The same call as assign-waiting.ts makes, on what it gets from the load.
      await timed(decisionWall, decisionCpu, () => planForState(state));
      const made = await timed(passWall, passCpu, () => assignWaiting(bed.deps, workspaceId));
      assigned += made.length;
    }
    await bed.close();
    return {
      agents: world.agents.length,
      waiting: world.waiting.length,
      samples,
      load_ms: quantiles(loadWall),
      load_cpu_ms: quantiles(loadCpu),
      decision_ms: quantiles(decisionWall),
      decision_cpu_ms: quantiles(decisionCpu),
      pass_ms: quantiles(passWall),
      pass_cpu_ms: quantiles(passCpu),
      assigned,
      line_read: quantiles(lineRead),
      load_avg_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runRoutingLoadBench({ samples: Number(process.argv[2] ?? 40) }), null, 1));
  process.exit(0);
}
