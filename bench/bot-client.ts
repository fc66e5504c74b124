import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * The customers of `npm run bench:bot`, in their own process so they do not steal the server's event loop: each
 * opens a widget socket and holds a multi-turn conversation, sending the next turn once the bot answered the last.
 */
interface Input {
  wsUrl: string;
  tokens: string[];
  /** Per customer: the turns it says, in order. */
  scripts: string[][];
  timeoutMs: number;
}

export interface BotClientResult {
  /** Send → first bot reply, per answered turn. */
  replyMs: number[];
  turns: number;
  /** Bot messages received (each counted once). */
  replies: number;
  /** Turns that got no bot reply within the timeout. */
  lost: number;
  /** Bot or customer messages delivered twice, or a turn acknowledged with two different ids. */
  duplicated: number;
  /** Per customer: [clientMessageId, messageId] acknowledged. */
  acks: Array<Array<[string, string]>>;
  errors: string[];
  seconds: number;
}

async function runCustomer(input: Input, index: number, result: BotClientResult): Promise<void> {
  const socket = new WebSocket(`${input.wsUrl}?token=${encodeURIComponent(input.tokens[index] as string)}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const seen = new Set<string>();
  const acks: Array<[string, string]> = [];
  result.acks[index] = acks;
  let ackedSeq = Number.POSITIVE_INFINITY;
  let onReply: (() => void) | undefined;
  let onAck: ((seq: number) => void) | undefined;
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    if (frame.type === 'ack') {
      acks.push([frame.clientMessageId, frame.message.id]);
      onAck?.(frame.message.seq);
    } else if (frame.type === 'message.created') {
      if (seen.has(frame.message.id)) {
        result.duplicated++;
        return;
      }
      seen.add(frame.message.id);
      if (frame.message.senderType === 'bot') {
        result.replies++;
        if (frame.message.seq > ackedSeq) onReply?.();
      }
    } else if (frame.type === 'error') {
      result.errors.push(frame.error.code);
    }
  });
  const script = input.scripts[index] as string[];
  for (let turn = 0; turn < script.length; turn++) {
    const clientMessageId = `b${index}-${turn}`;
    const started = performance.now();
    ackedSeq = Number.POSITIVE_INFINITY;
    let replied = false;
    const answered = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), input.timeoutMs);
      onReply = () => {
        if (replied) return;
        replied = true;
        clearTimeout(timer);
        resolve(true);
      };
      onAck = (seq) => {
        ackedSeq = seq;
      };
    });
    socket.send(JSON.stringify({ type: 'message.send', clientMessageId, text: script[turn] }));
    result.turns++;
    if (await answered) result.replyMs.push(performance.now() - started);
    else result.lost++;
  }
  // Let late duplicates show up before closing.
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.close();
}

async function run(input: Input): Promise<void> {
  const result: BotClientResult = {
    replyMs: [],
    turns: 0,
    replies: 0,
    lost: 0,
    duplicated: 0,
    acks: [],
    errors: [],
    seconds: 0,
  };
  const started = performance.now();
  await Promise.all(input.tokens.map((_, index) => runCustomer(input, index, result)));
  result.seconds = (performance.now() - started) / 1000;
  process.send?.(result, () => process.exit(0));
}

process.once('message', (input) => {
  run(input as Input).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
