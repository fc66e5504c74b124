import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { updateBotConfig } from '../server/src/bot/commands/update-bot.ts';
import type { ClientResult } from './messages-client.ts';
import { benchVisitors, percentile, startBenchServer } from './support.ts';

/**
 * `npm run bench:messages`: a fresh embedded server (temporary data dir, SQLite, port 0); 200 widget visitors on
 * WebSockets send 50 messages each, each waiting for its ack before the next, all visitors at once. Then every
 * message is checked against the database and the acks: none lost, none stored or acknowledged twice.
 * Targets: ≥ 3,000 acknowledged messages/s, p99 ack ≤ 50 ms. The last line printed is the JSON summary.
 * The demo workspace's bot is switched off first: this bench measures the message path; `bench:bot` measures the bot.
 * Besides wall-clock figures it reports the server process's CPU time per acknowledged message, which stays
 * meaningful on a shared, overloaded machine (target ≤ ~0.25 ms, so one core does 3,000/s with headroom).
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50);

async function main(): Promise<void> {
  const bench = await startBenchServer('messages');
  const { server, workspaceId } = bench;
  try {
    await updateBotConfig(server.ctx, { workspaceId, enabled: false });
    const { tokens, contactIds } = await benchVisitors(bench, CLIENTS);

    const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/ws`;
    // The clients run in another process, so this process's CPU time is the server's (plus idle bookkeeping).
    const cpuBefore = process.cpuUsage();
    // How long the server's event loop stood still at worst: a stall holds up every client's ack at once.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const result = await new Promise<ClientResult>((resolve, reject) => {
      // A separate process, so the clients' work does not run on the server's event loop.
      const child = fork(new URL('./messages-client.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
      child.once('message', (message) => resolve(message as ClientResult));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`bench client exited with ${code}`)));
      child.send({ wsUrl, tokens, messagesPerClient: MESSAGES });
    });
    const cpu = process.cpuUsage(cpuBefore);
    loopDelay.disable();
    const stallMs = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };

    // Verify against the database: each visitor's conversation holds exactly its messages, once each.
    const rows = await server.ctx.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select(['conversations.contact_id as contact_id', 'messages.client_message_id as cmid', 'messages.id as id'])
      .where('messages.workspace_id', '=', workspaceId)
      .where('conversations.contact_id', 'in', contactIds)
      .execute();
    const stored = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.contact_id}/${row.cmid}`;
      stored.set(key, [...(stored.get(key) ?? []), row.id]);
    }
    const acked = new Map<string, string[]>();
    for (const [index, cmid, messageId] of result.acks) {
      const key = `${contactIds[index]}/${cmid}`;
      acked.set(key, [...(acked.get(key) ?? []), messageId]);
    }
    let lost = 0;
    let duplicated = result.duplicateDeliveries;
    for (let c = 0; c < CLIENTS; c++) {
      for (let m = 0; m < MESSAGES; m++) {
        const key = `${contactIds[c]}/b${c}-${m}`;
        const inDb = stored.get(key) ?? [];
        const acks = acked.get(key) ?? [];
        if (inDb.length === 0 || acks.length === 0 || inDb[0] !== acks[0]) lost++;
        duplicated += Math.max(0, inDb.length - 1) + Math.max(0, acks.length - 1);
      }
    }
    duplicated += Math.max(0, rows.length - CLIENTS * MESSAGES);

    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    const firsts = [...result.firstLatenciesMs].sort((a, b) => a - b);
    const total = result.latenciesMs.length;
    const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / Math.max(1, total);
    const summary = {
      bot: 'off',
      clients: CLIENTS,
      messages: total,
      seconds: Number(result.seconds.toFixed(3)),
      msgs_per_s: Math.round(total / result.seconds),
      ack_ms: { p50: Number(percentile(sorted, 50).toFixed(2)), p99: Number(percentile(sorted, 99).toFixed(2)) },
      first_ack_ms: { p50: Number(percentile(firsts, 50).toFixed(2)), p99: Number(percentile(firsts, 99).toFixed(2)) },
      server_cpu_ms_per_msg: Number(cpuMsPerMessage.toFixed(3)),
      event_loop_delay_ms: { p99: Number(stallMs.p99.toFixed(1)), max: Number(stallMs.max.toFixed(1)) },
      load_avg_1m: Number(loadavg()[0]?.toFixed(2)),
      lost,
      duplicated,
    };
    const table = [
      ['clients (WebSocket visitors)', String(CLIENTS)],
      ['messages per client', String(MESSAGES)],
      ['acknowledged messages', String(total)],
      ['rows in the database', String(rows.length)],
      ['wall time (s)', summary.seconds.toFixed(2)],
      ['throughput (msgs/s)   target ≥ 3000', String(summary.msgs_per_s)],
      ['ack p50 (ms)', summary.ack_ms.p50.toFixed(2)],
      ['ack p99 (ms)          target ≤ 50', summary.ack_ms.p99.toFixed(2)],
      ['ack max (ms)', (sorted.at(-1) ?? 0).toFixed(2)],
      [
        '  first message of each client p50 / p99 (ms)',
        `${percentile(firsts, 50).toFixed(2)} / ${percentile(firsts, 99).toFixed(2)}   (opens the conversation)`,
      ],
      ['server CPU per message (ms)   target ≤ 0.25', cpuMsPerMessage.toFixed(3)],
      [
        '  of which user / system (ms)',
        `${(cpu.user / 1000 / Math.max(1, total)).toFixed(3)} / ${(cpu.system / 1000 / Math.max(1, total)).toFixed(3)}`,
      ],
      ['bench client CPU per message (ms, other process)', (result.cpuMs / Math.max(1, total)).toFixed(3)],
      ['server event-loop delay p99 / max (ms)', `${stallMs.p99.toFixed(1)} / ${stallMs.max.toFixed(1)}`],
      ['load average (1 min)', String(summary.load_avg_1m)],
      ['lost', String(lost)],
      ['duplicated', String(duplicated)],
      ['errors', String(result.errors.length)],
    ];
    const width = Math.max(...table.map(([k]) => (k as string).length));
    console.log('\nbench:messages — embedded server (SQLite), one process, demo bot switched off\n');
    for (const [k, v] of table) console.log(`  ${(k as string).padEnd(width)}  ${v}`);
    console.log('');
    console.log(JSON.stringify(summary));
  } finally {
    await bench.close();
  }
}

await main();
