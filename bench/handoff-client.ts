import WebSocket from 'ws';

/**
 * The agents' consoles of the hand-off bench, in their own process (as a browser would be): their sockets are read
 * at once, not when the server's event loop is free. Each push is stamped on arrival with `Date.now()`, the same
 * clock the server stamps `decidedAt` with.
 */
interface Input {
  wsUrl: string;
  agents: Array<{ userId: string; cookie: string }>;
}

export interface ArrivalReport {
  /** [conversationId, arrivedAt, decidedAt] for the first `conversation.assigned` on the assigned agent's socket. */
  arrivals: Array<[string, number, number]>;
}

const arrivals = new Map<string, [string, number, number]>();
const sockets: WebSocket[] = [];

async function open(input: Input): Promise<void> {
  for (const agent of input.agents) {
    const socket = new WebSocket(input.wsUrl, { headers: { cookie: agent.cookie } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (data) => {
      const at = Date.now();
      const frame = JSON.parse(data.toString()) as {
        type: string;
        event?: string;
        data?: { conversationId: string; agentId: string; decidedAt?: number };
      };
      if (frame.type !== 'routing' || frame.event !== 'conversation.assigned' || !frame.data) return;
      // Every console of the workspace hears every assignment; the assigned agent's own socket is the one timed.
      if (frame.data.agentId !== agent.userId || arrivals.has(frame.data.conversationId)) return;
      arrivals.set(frame.data.conversationId, [frame.data.conversationId, at, frame.data.decidedAt ?? Number.NaN]);
    });
    sockets.push(socket);
  }
}

process.on('message', (message: { kind: 'open'; input: Input } | { kind: 'report' }) => {
  if (message.kind === 'open') {
    open(message.input).then(
      () => process.send?.({ kind: 'ready' }),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
    return;
  }
  for (const socket of sockets) socket.terminate();
  const report: ArrivalReport = { arrivals: [...arrivals.values()] };
  process.send?.({ kind: 'report', report }, () => process.exit(0));
});
