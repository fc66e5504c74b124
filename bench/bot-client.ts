import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * The customers of `npm run bench:bot`, in their own process so they do not steal the server's event loop. Every
 * customer first opens its widget socket; once all are open they start talking at the same moment, each holding a
 * multi-turn conversation and sending the next turn only once the bot answered the last.
 *
 * A reply is matched to its turn exactly: the bot's first reply to a customer message carries the client message id
 * `bot-<that message's id>-0`, and the message id comes back in the customer's acknowledgement. A second bot message
 * (a hand-off notice, say) is never mistaken for the answer to the next turn.
 *
 * With a rate, customers pace themselves so all of them together offer that many turns per second (a customer's turn
 * t is due at start + t × interval, staggered across customers). The reply time is measured from when the turn was
 * due, not from when it could be sent: a late answer that delays the next turn counts against that turn too (no
 * coordinated omission). Without a rate, each turn goes out as soon as the last is answered (saturation).
 */
export interface BotClientInput {
  wsUrl: string;
  tokens: string[];
  /** Per customer: the turns it says, in order. */
  scripts: string[][];
  timeoutMs: number;
  /** Offered turns per second over all customers; 0 = no pause between turns. */
  rate: number;
}

export interface BotClientResult {
  /** Due (or send) time → the bot's reply to that very turn, per answered turn. */
  replyMs: number[];
  turns: number;
  /** Bot messages received (each counted once). */
  replies: number;
  /** Turns that got no bot reply within the timeout, and their client message ids. */
  lost: number;
  lostTurns: string[];
  /** Bot or customer messages delivered twice, or a turn acknowledged with two different ids. */
  duplicated: number;
  /** Per customer: [clientMessageId, messageId] acknowledged. */
  acks: Array<Array<[string, string]>>;
  errors: string[];
  /** From the common start to the last reply (connecting the sockets is not included). */
  seconds: number;
  connectSeconds: number;
  /** The clients' own CPU time per turn (ms): on a 2-core machine they share the cores with the server. */
  clientCpuMsPerTurn: number;
}

interface Customer {
  socket: WebSocket;
  seen: Set<string>;
  /** Client message ids of the bot messages received (`bot-<turn's message id>-<n>`). */
  botKeys: Set<string>;
  acks: Array<[string, string]>;
  /** Called on every ack and bot message: the turn in progress checks whether its answer is in. */
  onFrame?: () => void;
}

async function connect(input: BotClientInput, index: number, result: BotClientResult): Promise<Customer> {
  const socket = new WebSocket(`${input.wsUrl}?token=${encodeURIComponent(input.tokens[index] as string)}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const customer: Customer = { socket, seen: new Set(), botKeys: new Set(), acks: [] };
  result.acks[index] = customer.acks;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'ack') {
      customer.acks.push([frame.clientMessageId, frame.message.id]);
      customer.onFrame?.();
    } else if (frame.type === 'message.created') {
      if (customer.seen.has(frame.message.id)) {
        result.duplicated++;
        return;
      }
      customer.seen.add(frame.message.id);
      if (frame.message.senderType === 'bot') {
        result.replies++;
        if (frame.message.clientMessageId) customer.botKeys.add(frame.message.clientMessageId);
        customer.onFrame?.();
      }
    } else if (frame.type === 'error') {
      result.errors.push(frame.error.code);
    }
  });
  return customer;
}

async function converse(
  input: BotClientInput,
  index: number,
  customer: Customer,
  start: number,
  result: BotClientResult,
): Promise<void> {
  const script = input.scripts[index] as string[];
  const interval = input.rate > 0 ? input.tokens.length / input.rate : 0;
  const offset = interval * (index / input.tokens.length);
  for (let turn = 0; turn < script.length; turn++) {
    const clientMessageId = `b${index}-${turn}`;
    const due = start + (offset + turn * interval) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), input.timeoutMs);
      customer.onFrame = () => {
        const messageId = customer.acks.find(([cmid]) => cmid === clientMessageId)?.[1];
        if (!messageId || !customer.botKeys.has(`bot-${messageId}-0`)) return;
        clearTimeout(timer);
        customer.onFrame = undefined;
        resolve(true);
      };
    });
    customer.socket.send(JSON.stringify({ type: 'message.send', clientMessageId, text: script[turn] }));
    result.turns++;
    if (await answered) result.replyMs.push(performance.now() - (input.rate > 0 ? due : sent));
    else {
      result.lost++;
      result.lostTurns.push(clientMessageId);
    }
  }
}

async function run(input: BotClientInput): Promise<void> {
  const result: BotClientResult = {
    replyMs: [],
    turns: 0,
    replies: 0,
    lost: 0,
    lostTurns: [],
    duplicated: 0,
    acks: [],
    errors: [],
    seconds: 0,
    connectSeconds: 0,
    clientCpuMsPerTurn: 0,
  };
  const connecting = performance.now();
  const customers = await Promise.all(input.tokens.map((_, index) => connect(input, index, result)));
  result.connectSeconds = (performance.now() - connecting) / 1000;
  // The server reads its CPU clock between the sockets opening and the first turn.
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send?.({ type: 'connected' });
  });
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(customers.map((customer, index) => converse(input, index, customer, start, result)));
  result.seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  result.clientCpuMsPerTurn = (cpu.user + cpu.system) / 1000 / Math.max(1, result.turns);
  // Let late duplicates show up before closing.
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const customer of customers) customer.socket.close();
  process.send?.({ type: 'result', result }, () => process.exit(0));
}

process.once('message', (input) => {
  run(input as BotClientInput).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
