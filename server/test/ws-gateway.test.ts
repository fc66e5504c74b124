import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { countContacts } from '../src/conversations/contact-store.ts';
import { countMessages, findMessage } from '../src/conversations/message-store.ts';
import { countConversations } from '../src/conversations/store.ts';
import { POLICIES } from '../src/http/policies.ts';
import { QUEUE_NOTICE_MS } from '../src/http/ws/hub.ts';
import { WS_MESSAGES } from '../src/http/ws/registry.ts';
import { listReportingEvents } from '../src/platform/reporting.ts';
import { signVisitorToken } from '../src/security/visitor-token.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './support/test-app.ts';

type Frame = Record<string, unknown> & { type: string };

/** A test client: keeps every frame it received, and waits for the ones a test expects. */
class Client {
  readonly frames: Frame[] = [];
  closeCode: number | undefined;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(payload: object | string): void {
    this.socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  async waitFor(predicate: (frames: Frame[]) => boolean, what = 'frames', timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.frames).slice(0, 600)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  of(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  async waitClosed(): Promise<number> {
    await this.waitFor(() => this.closeCode !== undefined, 'close');
    return this.closeCode as number;
  }

  close(): void {
    this.socket.close();
  }
}

describe('realtime gateway (/api/v1/ws)', () => {
  let t: TestApp;
  let base: string;
  let agent: SignedIn;
  let otherAgent: SignedIn;
  const clients: Client[] = [];
  const ws = () => t.workspaces[0];

  function connect(query = '', headers: Record<string, string> = {}): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/ws${query}`, { headers });
      const client = new Client(socket);
      clients.push(client);
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`handshake ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  async function newVisitor() {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey: ws().widgetKey },
    });
    return response.json() as { token: string; contactId: string };
  }

  const connectVisitor = (token: string) => connect(`?token=${encodeURIComponent(token)}`);
  const connectAgent = (session: SignedIn) => connect('', { cookie: session.cookie, origin: base });

  async function rowCounts() {
    const id = ws().id;
    return {
      messages: await countMessages(t.ctx.db, id),
      conversations: await countConversations(t.ctx.db, id),
      contacts: await countContacts(t.ctx.db, id),
      events: (await listReportingEvents(t.ctx.db, id, { limit: 10_000 })).length,
    };
  }

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    agent = await signIn(t.app, ws().users.agent.email);
    otherAgent = await signIn(t.app, t.workspaces[1].users.agent.email);
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await t.close();
  });

  it('names a known policy for every message type', () => {
    for (const [type, definition] of Object.entries(WS_MESSAGES)) {
      expect(POLICIES, type).toHaveProperty([definition.policy]);
    }
  });

  it('acknowledges after the commit and fans out to the workspace’s console, never private notes to the visitor', async () => {
    const visitor = await newVisitor();
    const customer = await connectVisitor(visitor.token);
    const console = await connectAgent(agent);
    const outsider = await connectAgent(otherAgent);

    customer.send({ type: 'message.send', requestId: 'r1', clientMessageId: 'w-1', text: '你好，我的订单还没到' });
    await customer.waitFor((f) => f.some((x) => x.type === 'ack'), 'ack');
    const ack = customer.of('ack')[0] as Frame & { message: { id: string; conversationId: string; seq: number } };
    expect(ack).toMatchObject({
      requestId: 'r1',
      clientMessageId: 'w-1',
      message: { seq: 1, text: '你好，我的订单还没到' },
    });
    expect(await findMessage(t.ctx.db, ws().id, ack.message.id)).toBeDefined();

    await console.waitFor((f) => f.some((x) => x.type === 'message.created'), 'console message');
    const conversationId = ack.message.conversationId;

    console.send({
      type: 'message.send',
      conversationId,
      clientMessageId: 'a-1',
      text: '内部备注：VIP 客户',
      private: true,
    });
    console.send({ type: 'message.send', conversationId, clientMessageId: 'a-2', text: '您好，马上为您查询' });
    await customer.waitFor((f) => f.some((x) => x.type === 'message.created'), 'agent reply');
    await console.waitFor((f) => f.filter((x) => x.type === 'ack').length === 2, 'agent acks');
    await customer.waitFor((f) => f.some((x) => x.type === 'conversation.updated'), 'status change');
    const seen = customer.of('message.created').map((f) => (f.message as { text: string }).text);
    expect(seen).toEqual(['您好，马上为您查询']);
    expect(customer.of('conversation.updated').at(-1)?.conversation).toMatchObject({
      id: conversationId,
      status: 'assigned',
    });
    expect(Object.keys(customer.of('conversation.updated').at(-1)?.conversation as object)).not.toContain('assigneeId');

    outsider.send({ type: 'ping', requestId: 'p' });
    await outsider.waitFor((f) => f.some((x) => x.type === 'pong'), 'pong');
    expect(outsider.of('message.created')).toEqual([]);
  });

  it('resumes after a reconnect with exactly the missed messages, in order', async () => {
    const visitor = await newVisitor();
    const first = await connectVisitor(visitor.token);
    first.send({ type: 'message.send', clientMessageId: 'r-1', text: '我想退货' });
    await first.waitFor((f) => f.some((x) => x.type === 'ack'), 'ack');
    const seenId = (first.of('ack')[0]!.message as { id: string }).id;
    const conversationId = (first.of('ack')[0]!.message as { conversationId: string }).conversationId;
    first.close();
    await first.waitClosed();

    for (let i = 1; i <= 3; i++) {
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: agent.headers,
        payload: { clientMessageId: `off-${i}`, text: `离线期间的回复 ${i}` },
      });
      expect(reply.statusCode).toBe(201);
    }
    const second = await connectVisitor(visitor.token);
    second.send({ type: 'resume', requestId: 'res', lastSeenMessageId: seenId });
    await second.waitFor((f) => f.some((x) => x.type === 'resumed'), 'resumed');
    // A live message after the resume continues the same order.
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: agent.headers,
      payload: { clientMessageId: 'live-1', text: '现在在线了' },
    });
    await second.waitFor((f) => f.filter((x) => x.type === 'message.created').length >= 4, 'four messages');
    await new Promise((r) => setTimeout(r, 100));
    const received = second.of('message.created').map((f) => f.message as { seq: number; text: string });
    expect(received.map((m) => m.seq)).toEqual([2, 3, 4, 5]);
    expect(received.map((m) => m.text)).toEqual([
      '离线期间的回复 1',
      '离线期间的回复 2',
      '离线期间的回复 3',
      '现在在线了',
    ]);
  });

  it('stores one message when 20 sockets send the same clientMessageId at once', async () => {
    const visitor = await newVisitor();
    const sockets = await Promise.all(Array.from({ length: 20 }, () => connectVisitor(visitor.token)));
    const before = await rowCounts();
    for (const s of sockets) s.send({ type: 'message.send', clientMessageId: 'same-1', text: '在吗？' });
    await Promise.all(sockets.map((s) => s.waitFor((f) => f.some((x) => x.type === 'ack'), 'ack')));
    const ids = new Set(sockets.map((s) => (s.of('ack')[0]!.message as { id: string }).id));
    expect(ids.size).toBe(1);
    const after = await rowCounts();
    expect(after.messages - before.messages).toBe(1);
    expect(after.conversations - before.conversations).toBe(1);
  });

  it('keeps per-conversation order for a burst of concurrent replies', async () => {
    const visitor = await newVisitor();
    const customer = await connectVisitor(visitor.token);
    customer.send({ type: 'message.send', clientMessageId: 'b-0', text: '开始' });
    await customer.waitFor((f) => f.some((x) => x.type === 'ack'), 'ack');
    const conversationId = (customer.of('ack')[0]!.message as { conversationId: string }).conversationId;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/conversations/${conversationId}/messages`,
          headers: agent.headers,
          payload: { clientMessageId: `burst-${i}`, text: `第 ${i} 条` },
        }),
      ),
    );
    await customer.waitFor((f) => f.filter((x) => x.type === 'message.created').length >= 30, '30 messages');
    const seqs = customer.of('message.created').map((f) => (f.message as { seq: number }).seq);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
  });

  describe('bad input', () => {
    let customer: Client;
    beforeAll(async () => {
      customer = await connectVisitor((await newVisitor()).token);
    });

    const invalid: Array<[string, object | string, string]> = [
      ['unknown type', { type: 'message.delete', requestId: 'u' }, 'bad_request'],
      [
        'unknown field',
        { type: 'message.send', requestId: 'u', clientMessageId: 'x1', text: '你好', admin: true },
        'unknown_field',
      ],
      ['wrong type', { type: 'message.send', requestId: 'u', clientMessageId: 'x2', text: 42 }, 'validation_failed'],
      [
        'text over 10,000 characters',
        { type: 'message.send', requestId: 'u', clientMessageId: 'x3', text: '长'.repeat(10_001) },
        'text_too_long',
      ],
      [
        'lone surrogate',
        '{"type":"message.send","requestId":"u","clientMessageId":"x4","text":"坏\\udc00字"}',
        'invalid_text',
      ],
      ['not an object', '[1,2,3]', 'validation_failed'],
      [
        'a visitor naming a conversation',
        {
          type: 'message.send',
          requestId: 'u',
          conversationId: `conv_${'0'.repeat(26)}`,
          clientMessageId: 'x5',
          text: '你好',
        },
        'validation_failed',
      ],
      ['presence from a visitor', { type: 'presence.set', requestId: 'u', status: 'online' }, 'forbidden'],
    ];
    for (const [name, payload, code] of invalid) {
      it(`${name} → error ${code}, socket stays open, nothing written`, async () => {
        const before = await rowCounts();
        const seen = customer.of('error').length;
        customer.send(payload);
        await customer.waitFor((f) => f.filter((x) => x.type === 'error').length > seen, 'error');
        expect((customer.of('error').at(-1)!.error as { code: string }).code).toBe(code);
        customer.send({ type: 'ping', requestId: `after-${name}` });
        await customer.waitFor((f) => f.some((x) => x.type === 'pong' && x.requestId === `after-${name}`), 'pong');
        expect(await rowCounts()).toEqual(before);
      });
    }

    it('closes with 1007 on a frame that is not JSON', async () => {
      const client = await connectVisitor((await newVisitor()).token);
      client.send('{"type": "message.send", ');
      expect(await client.waitClosed()).toBe(1007);
      expect((client.of('error')[0]!.error as { code: string }).code).toBe('invalid_json');
    });

    it('closes with 1009 on a frame over 64 KiB', async () => {
      const client = await connectVisitor((await newVisitor()).token);
      const before = await rowCounts();
      client.send({ type: 'message.send', clientMessageId: 'big', text: 'x'.repeat(70 * 1024) });
      expect(await client.waitClosed()).toBe(1009);
      expect(await rowCounts()).toEqual(before);
    });

    it('answers 404 for unknown and other-tenant conversations', async () => {
      const visitor = await newVisitor();
      const own = await connectVisitor(visitor.token);
      own.send({ type: 'message.send', clientMessageId: 'mine', text: '我的订单号 123' });
      await own.waitFor((f) => f.some((x) => x.type === 'ack'), 'ack');
      const conversationId = (own.of('ack')[0]!.message as { conversationId: string }).conversationId;
      const before = await rowCounts();

      const intruder = await connectAgent(otherAgent);
      intruder.send({ type: 'message.send', requestId: 'i1', conversationId, clientMessageId: 'evil', text: '越权' });
      intruder.send({ type: 'resume', requestId: 'i2', conversations: { [conversationId]: null } });
      intruder.send({
        type: 'message.send',
        requestId: 'i3',
        conversationId: `conv_${'1'.repeat(26)}`,
        clientMessageId: 'x',
        text: '你好',
      });
      await intruder.waitFor((f) => f.filter((x) => x.type === 'error').length === 3, 'three errors');
      expect(intruder.of('error').map((f) => (f.error as { code: string }).code)).toEqual([
        'not_found',
        'not_found',
        'not_found',
      ]);
      expect(intruder.of('message.created')).toEqual([]);
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses the handshake for expired, forged or missing credentials and cross-site cookies', async () => {
      const expired = signVisitorToken(t.ctx.secret, {
        ws: ws().id,
        inb: 'inb_x',
        ctc: 'ctc_x',
        vis: 'vis_x',
        exp: t.clock.now() - 1,
      });
      const forged = signVisitorToken('not-our-secret-but-long-enough-0000000', {
        ws: ws().id,
        inb: 'inb_x',
        ctc: 'ctc_x',
        vis: 'vis_x',
        exp: t.clock.now() + 60_000,
      });
      await expect(connectVisitor(expired)).rejects.toThrow('handshake 401');
      await expect(connectVisitor(forged)).rejects.toThrow('handshake 401');
      await expect(connect()).rejects.toThrow('handshake 401');
      await expect(connect('', { cookie: agent.cookie, origin: 'https://evil.example' })).rejects.toThrow(
        'handshake 403',
      );
      const auditor = await signIn(t.app, ws().users.auditor.email);
      await expect(connect('', { cookie: auditor.cookie, origin: base })).rejects.toThrow('handshake 403');
    });
  });

  it('folds a burst of queue changes into two notices for visitors; consoles hear each one', async () => {
    const visitor = await connectVisitor((await newVisitor()).token);
    const console = await connectAgent(agent);
    const routingOf = (client: Client) => client.of('routing').filter((f) => f.event === 'routing.queue_changed');
    const publish = (i: number) =>
      t.ctx.bus.publish('routing.queue_changed', {
        type: 'routing.queue_changed',
        workspaceId: ws().id,
        id: `evt_q${i}`,
        at: Date.now(),
        payload: { team: 'general', conversationId: `conv_${i}`, change: 'joined' },
      });
    for (let i = 0; i < 5; i++) await publish(i);
    await console.waitFor(() => routingOf(console).length === 5, 'five notices for the console');
    await visitor.waitFor(() => routingOf(visitor).length === 1, 'the first notice at once');
    // The rest of the burst arrives as one notice when the window ends, and nothing more.
    await visitor.waitFor(() => routingOf(visitor).length === 2, 'one trailing notice', QUEUE_NOTICE_MS * 4);
    await new Promise((resolve) => setTimeout(resolve, QUEUE_NOTICE_MS * 2));
    expect(routingOf(visitor)).toHaveLength(2);
    expect(routingOf(visitor).every((f) => JSON.stringify(f.data) === '{}')).toBe(true);
    // A later change, after a quiet window, is told at once again.
    await publish(9);
    await visitor.waitFor(() => routingOf(visitor).length === 3, 'a fresh notice');
  });

  it('marks an agent away when their last socket closes', async () => {
    const session = await signIn(t.app, ws().users.supervisor.email);
    const console = await connectAgent(session);
    console.send({ type: 'presence.set', requestId: 'on', status: 'online' });
    await console.waitFor((f) => f.some((x) => x.type === 'presence'), 'presence');
    console.close();
    await console.waitClosed();
    const { findPresence } = await import('../src/routing/store.ts');
    for (let i = 0; i < 50 && (await findPresence(t.ctx.db, ws().id, ws().users.supervisor.id)) !== 'away'; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await findPresence(t.ctx.db, ws().id, ws().users.supervisor.id)).toBe('away');
  });
});
