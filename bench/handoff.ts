import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import WebSocket from 'ws';
import { conversationPort } from '../server/src/conversations/routing-port.ts';
import { updateAgentProfile } from '../server/src/routing/commands/configure-routing.ts';
import { createUser } from '../server/src/security/commands/create-user.ts';
import type { ArrivalReport } from './handoff-client.ts';
import { benchVisitors, percentile, startBenchServer } from './support.ts';

/**
 * Hand-off → agent console latency in embedded mode (part of `npm run bench:routing`). A fresh embedded server
 * (SQLite, demo workspace, its bot on); agents sign in over HTTP, open the console WebSocket and go online; customers
 * press "转人工" on the widget's socket at a steady pace. For each hand-off it measures, on the agent's socket:
 * - decision → console: from the routing decision (the assigner's plan, `decidedAt` in the push) to the
 *   `conversation.assigned` frame arriving; the target is ≤ 200 ms;
 * - hand-off → console: from the customer's "转人工" leaving the widget to the same frame. This includes the bot's
 *   turn and the 400 ms during which the assigner gathers hand-offs that arrive together (so an angry VIP a few
 *   milliseconds behind a regular customer is still served first): it is by design above the decision figure.
 * The first `warmup` hand-offs (30) are served before the measured ones start and are not counted.
 * Agents have room for every hand-off, so nobody waits for capacity. The consoles run in a child process (as a
 * browser would, their sockets are read at once); the push's `decidedAt` and the arrival are both `Date.now()`.
 */
export interface HandoffBenchResult {
  handoffs: number;
  warmup: number;
  agents: number;
  per_second: number;
  delivered: number;
  decision_to_console_ms: { p50: number; p99: number; max: number };
  handoff_to_console_ms: { p50: number; p99: number };
  load_avg_1m: number;
}

const PASSWORD = 'bench-handoff-password-1';

export async function runHandoffBench(
  options: { agents?: number; handoffs?: number; perSecond?: number; warmup?: number } = {},
): Promise<HandoffBenchResult> {
  const agentCount = options.agents ?? 10;
  const handoffs = options.handoffs ?? 300;
  // Hand-offs before the measured ones, not counted: a long-running server is warm (JIT, caches, the bot's models).
  const warmup = options.warmup ?? 30;
  const perSecond = options.perSecond ?? 20;
  const bench = await startBenchServer('handoff');
  const { server, workspaceId } = bench;
  const sockets: WebSocket[] = [];
  // Shutting the server down waits for bus handlers that may wait on unref'd timers (lock polling): keep the
  // process alive until the bench is done.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    const admin = await server.ctx.db
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    const deps = { ctx: server.ctx, lock: server.infrastructure.lock, conversations: conversationPort(server.ctx) };
    const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/ws`;
    const agents: Array<{ userId: string; cookie: string }> = [];
    const csrfTokens: string[] = [];
    for (let i = 0; i < agentCount; i++) {
      const email = `handoff.agent${i}@bench.lingxi.local`;
      const user = await createUser(server.ctx, {
        workspaceId,
        input: { email, name: `Agent ${i}`, role: 'agent', password: PASSWORD, locale: 'zh-CN' },
        actor: { kind: 'anonymous' },
      });
      // Room for every hand-off of the run: this measures delivery, not waiting for capacity.
      await updateAgentProfile(deps, {
        workspaceId,
        userId: user.id,
        actorId: admin.id,
        profile: {
          skills: { complaints: 5, billing: 5, tech: 5 },
          languages: [],
          teams: ['general', 'billing', 'tech', 'vip_desk'],
          level: 3,
          capacity: { web_widget: Math.ceil((warmup + handoffs) / agentCount) + 5, api: 0 },
        },
      });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      agents.push({ userId: user.id, cookie });
      csrfTokens.push(csrfToken);
    }

    // The consoles connect from their own process before anyone hands off.
    const consoles = fork(new URL('./handoff-client.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
    const fromConsoles = (kind: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const onMessage = (message: Record<string, unknown>) => {
          if (message.kind !== kind) return;
          consoles.off('message', onMessage);
          resolve(message);
        };
        consoles.on('message', onMessage);
        consoles.once('exit', (code) => code !== 0 && reject(new Error(`console process exited with ${code}`)));
      });
    const ready = fromConsoles('ready');
    consoles.send({ kind: 'open', input: { wsUrl, agents } });
    await ready;
    for (const [i, { cookie }] of agents.entries()) {
      const online = await fetch(`${server.url}/api/v1/presence`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfTokens[i] as string },
        body: JSON.stringify({ status: 'online' }),
      });
      if (online.status !== 200) throw new Error(`presence failed: ${online.status} ${await online.text()}`);
    }

    // Customers: each opens the widget socket and presses "转人工" at the set pace.
    const { tokens } = await benchVisitors(bench, warmup + handoffs);
    const visitors = await Promise.all(
      tokens.map(async (token) => {
        const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
        await new Promise<void>((resolve, reject) => {
          socket.once('open', () => resolve());
          socket.once('error', reject);
        });
        sockets.push(socket);
        return socket;
      }),
    );
    const pressedAt = new Map<string, number>();
    /** The measured customers' conversations (the warm-up ones are left out). */
    const measured = new Set<string>();
    for (const [i, socket] of visitors.entries()) {
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; message?: { conversationId: string } };
        if (frame.type === 'ack' && frame.message) {
          pressedAt.set(frame.message.conversationId, pressedAt.get(`#${i}`) as number);
          if (i >= warmup) measured.add(frame.message.conversationId);
        }
      });
    }
    const untilAssigned = async (count: number) => {
      // Until that many conversations are assigned (or 60 s).
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const assigned = await server.ctx.db
          .selectFrom('conversations')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'assigned')
          .executeTakeFirstOrThrow();
        if (Number(assigned.n) >= count) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    for (const [i, socket] of visitors.entries()) {
      if (i === warmup) await untilAssigned(warmup);
      pressedAt.set(`#${i}`, Date.now());
      socket.send(JSON.stringify({ type: 'message.send', clientMessageId: `handoff-${i}`, text: '转人工' }));
      await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
    }
    await untilAssigned(warmup + handoffs);
    await new Promise((r) => setTimeout(r, 500));
    const reported = fromConsoles('report');
    consoles.send({ kind: 'report' });
    const { report } = (await reported) as unknown as { report: ArrivalReport };
    if (process.env.BENCH_HANDOFF_PASSES) {
      // Latencies grouped by assigner pass (same decidedAt): shows how a burst is served.
      const passes = new Map<number, number[]>();
      for (const [, at, decidedAt] of report.arrivals.filter(([id]) => measured.has(id)))
        passes.set(decidedAt, [...(passes.get(decidedAt) ?? []), at - decidedAt]);
      for (const [decidedAt, latencies] of passes)
        console.error(`pass ${decidedAt}: ${latencies.sort((a, b) => a - b).join(' ')} ms`);
    }
    const arrivals = new Map(
      report.arrivals.filter(([id]) => measured.has(id)).map(([id, at, decidedAt]) => [id, { at, decidedAt }]),
    );

    const decision: number[] = [];
    const total: number[] = [];
    for (const [conversationId, arrival] of arrivals) {
      if (Number.isFinite(arrival.decidedAt)) decision.push(arrival.at - arrival.decidedAt);
      const pressed = pressedAt.get(conversationId);
      if (pressed !== undefined) total.push(arrival.at - pressed);
    }
    decision.sort((a, b) => a - b);
    total.sort((a, b) => a - b);
    return {
      handoffs,
      warmup,
      agents: agentCount,
      per_second: perSecond,
      delivered: arrivals.size,
      decision_to_console_ms: {
        p50: percentile(decision, 50),
        p99: percentile(decision, 99),
        max: decision.at(-1) ?? 0,
      },
      handoff_to_console_ms: { p50: percentile(total, 50), p99: percentile(total, 99) },
      load_avg_1m: Number(loadavg()[0]?.toFixed(2)),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    // Let the hub see the sockets go (agents marked away) before the bus closes.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await bench.close();
    clearInterval(keepAlive);
  }
}
