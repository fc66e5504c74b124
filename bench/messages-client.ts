import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * The client side of `npm run bench:messages`, in its own process so it does not steal the server's event loop:
 * every visitor opens a socket, then sends its messages one by one, each after the previous one's ack.
 */
interface Input {
  wsUrl: string;
  tokens: string[];
  messagesPerClient: number;
}

export interface ClientResult {
  latenciesMs: number[];
  /** Each client's first message only: it opens the conversation (and, with the bot off, queues it for routing). */
  firstLatenciesMs: number[];
  /** [clientIndex, clientMessageId, messageId] for every ack received (duplicates included). */
  acks: Array<[number, string, string]>;
  /** message.created frames whose id this client had seen before: a duplicate delivery. */
  duplicateDeliveries: number;
  errors: string[];
  seconds: number;
  /** This client process's CPU time over the run (ms): on a 2-core machine it competes with the server. */
  cpuMs: number;
}

const TEXTS = [
  '你好，我的订单还没到',
  '请问什么时候发货？',
  '我想退货，怎么操作',
  'Where is my parcel?',
  '能开发票吗？',
];

async function runClient(input: Input, index: number, result: ClientResult): Promise<void> {
  const socket = new WebSocket(`${input.wsUrl}?token=${encodeURIComponent(input.tokens[index] as string)}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const delivered = new Set<string>();
  let waiting: ((frame: { clientMessageId: string; message: { id: string } }) => void) | undefined;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'ack') {
      result.acks.push([index, frame.clientMessageId, frame.message.id]);
      waiting?.(frame);
    } else if (frame.type === 'message.created') {
      if (delivered.has(frame.message.id)) result.duplicateDeliveries++;
      delivered.add(frame.message.id);
    } else if (frame.type === 'error') {
      result.errors.push(frame.error.code);
    }
  });
  for (let i = 0; i < input.messagesPerClient; i++) {
    const clientMessageId = `b${index}-${i}`;
    const started = performance.now();
    const acked = new Promise<void>((resolve) => {
      waiting = (frame) => {
        if (frame.clientMessageId === clientMessageId) resolve();
      };
    });
    socket.send(JSON.stringify({ type: 'message.send', clientMessageId, text: `${TEXTS[i % TEXTS.length]} #${i}` }));
    await acked;
    const latency = performance.now() - started;
    result.latenciesMs.push(latency);
    if (i === 0) result.firstLatenciesMs.push(latency);
  }
  socket.close();
}

async function run(input: Input): Promise<void> {
  const result: ClientResult = {
    latenciesMs: [],
    firstLatenciesMs: [],
    acks: [],
    duplicateDeliveries: 0,
    errors: [],
    seconds: 0,
    cpuMs: 0,
  };
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(input.tokens.map((_, index) => runClient(input, index, result)));
  result.seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuMs = (cpu.user + cpu.system) / 1000;
  process.send?.(result, () => process.exit(0));
}

// The parent hands over the visitors' tokens on the IPC channel and waits for the result on it.
process.once('message', (input) => {
  run(input as Input).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
