import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { seedDemoBot } from '../server/src/bot/demo/seed-demo-bot.ts';
import { workspaceBot } from '../server/src/bot/index.ts';
import { settleBotTurns } from '../server/src/conversations/bot-turns.ts';
import type { BotClientResult } from './bot-client.ts';
import { benchVisitors, percentile, startBenchServer } from './support.ts';

/**
 * `npm run bench:bot`: a fresh embedded server (temporary data dir, SQLite, port 0) with the demo workspace and its
 * bot; N widget customers on WebSockets at once, each holding a multi-turn conversation (greeting, the order-status
 * flow with its HTTP action, a follow-up, thanks), each turn sent once the bot answered the previous one. Then the
 * database is checked: every customer message stored once and answered. Targets: 500 customers, p99 bot reply
 * ≤ 100 ms, ≥ 1,000 turns/s on one process, nothing lost or duplicated. The last line printed is the JSON summary.
 * It also reports the server process's CPU time per turn (the clients run in another process), which stays meaningful
 * on a shared, overloaded machine: 1,000 turns/s on one core needs well under 1 ms per turn.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 500);
const ORDERS = ['SO20261126001', 'SO20261126002', 'SO20261126003', 'SO20261126004'];
const SCRIPTS = [
  (i: number) => ['你好', '我的订单到哪了', ORDERS[i % ORDERS.length] as string, '它什么时候到?', '谢谢'],
  (i: number) => ['hello', 'where is my order', ORDERS[i % ORDERS.length] as string, 'thanks'],
  (i: number) => ['您好', `帮我查下订单 ${ORDERS[i % ORDERS.length]}`, '那退款呢?', '不想要了', '不是'],
];

async function main(): Promise<void> {
  const bench = await startBenchServer('bot');
  const { server, workspaceId } = bench;
  try {
    await seedDemoBot(server.ctx, workspaceId);
    // Train before the clock starts: the first customer should not measure the model's training.
    await workspaceBot(server.ctx, workspaceId);
    const { tokens, contactIds } = await benchVisitors(bench, CUSTOMERS);
    const scripts = contactIds.map((_, i) => (SCRIPTS[i % SCRIPTS.length] as (i: number) => string[])(i));
    const wsUrl = `${server.url.replace('http', 'ws')}/api/v1/ws`;
    const cpuBefore = process.cpuUsage();
    const result = await new Promise<BotClientResult>((resolve, reject) => {
      const child = fork(new URL('./bot-client.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
      child.once('message', (message) => resolve(message as BotClientResult));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`bench client exited with ${code}`)));
      child.send({ wsUrl, tokens, scripts, timeoutMs: 15_000 });
    });
    // Bot turns still running when the last reply arrived count too: wait for them before reading the CPU time.
    await settleBotTurns(server.ctx);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerTurn = (cpu.user + cpu.system) / 1000 / Math.max(1, result.turns);

    // The database's view: each customer turn stored once, and one bot reply block per turn.
    const rows = await server.ctx.db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversation_id')
      .select([
        'conversations.contact_id as contact_id',
        'messages.client_message_id as cmid',
        'messages.sender_type as sender',
      ])
      .where('messages.workspace_id', '=', workspaceId)
      .where('conversations.contact_id', 'in', contactIds)
      .execute();
    const customerRows = new Map<string, number>();
    let botRows = 0;
    for (const row of rows) {
      if (row.sender === 'contact')
        customerRows.set(`${row.contact_id}/${row.cmid}`, (customerRows.get(`${row.contact_id}/${row.cmid}`) ?? 0) + 1);
      else if (row.sender === 'bot') botRows++;
    }
    let lost = result.lost;
    let duplicated = result.duplicated;
    contactIds.forEach((contactId, c) => {
      (scripts[c] as string[]).forEach((_, t) => {
        const n = customerRows.get(`${contactId}/b${c}-${t}`) ?? 0;
        if (n === 0) lost++;
        duplicated += Math.max(0, n - 1);
      });
      const ackIds = new Map<string, Set<string>>();
      for (const [cmid, id] of result.acks[c] ?? []) ackIds.set(cmid, (ackIds.get(cmid) ?? new Set()).add(id));
      for (const ids of ackIds.values()) duplicated += ids.size - 1;
    });

    const sorted = [...result.replyMs].sort((a, b) => a - b);
    const summary = {
      customers: CUSTOMERS,
      turns: result.turns,
      replies: result.replies,
      lost,
      duplicated,
      reply_ms: { p50: Number(percentile(sorted, 50).toFixed(2)), p99: Number(percentile(sorted, 99).toFixed(2)) },
      turns_per_s: Math.round(result.turns / result.seconds),
      server_cpu_ms_per_turn: Number(cpuMsPerTurn.toFixed(3)),
      load_avg_1m: Number(loadavg()[0]?.toFixed(2)),
    };
    const table = [
      ['customers (WebSocket widget visitors)', String(CUSTOMERS)],
      ['turns sent', String(result.turns)],
      ['bot replies received', String(result.replies)],
      ['bot messages in the database', String(botRows)],
      ['wall time (s)', result.seconds.toFixed(2)],
      ['turns/s                    target ≥ 1000', String(summary.turns_per_s)],
      ['bot reply p50 (ms)', summary.reply_ms.p50.toFixed(2)],
      ['bot reply p99 (ms)         target ≤ 100', summary.reply_ms.p99.toFixed(2)],
      ['bot reply max (ms)', (sorted.at(-1) ?? 0).toFixed(2)],
      ['server CPU per turn (ms)', cpuMsPerTurn.toFixed(3)],
      ['load average (1 min)', String(summary.load_avg_1m)],
      ['lost', String(lost)],
      ['duplicated', String(duplicated)],
      [
        'errors',
        `${result.errors.length}${result.errors.length ? ` (${[...new Set(result.errors)].join(', ')})` : ''}`,
      ],
    ];
    const width = Math.max(...table.map(([k]) => (k as string).length));
    console.log('\nbench:bot — embedded server (SQLite), one process, demo bot\n');
    for (const [k, v] of table) console.log(`  ${(k as string).padEnd(width)}  ${v}`);
    console.log('');
    console.log(JSON.stringify(summary));
  } finally {
    await bench.close();
  }
}

await main();
