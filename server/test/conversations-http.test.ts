import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countContacts } from '../src/conversations/contact-store.ts';
import { countMessages } from '../src/conversations/message-store.ts';
import { countConversations } from '../src/conversations/store.ts';
import { listReportingEvents } from '../src/platform/reporting.ts';
import { signVisitorToken } from '../src/security/visitor-token.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './support/test-app.ts';

/** The conversation REST API through the real app and database: happy paths, bad input, tenancy, races. */
describe('conversations over HTTP', () => {
  let t: TestApp;
  let agent: SignedIn;
  let otherAgent: SignedIn;
  let visitor: { token: string; visitorSecret: string; contactId: string };
  const ws = () => t.workspaces[0];
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function newVisitor(workspaceKey = ws().widgetKey) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey, locale: 'zh-CN' },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { token: string; visitorSecret: string; contactId: string };
  }

  const visitorSays = (token: string, clientMessageId: string, text: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/messages',
      headers: bearer(token),
      payload: { clientMessageId, text },
    });

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
    agent = await signIn(t.app, ws().users.agent.email);
    otherAgent = await signIn(t.app, t.workspaces[1].users.agent.email);
    visitor = await newVisitor();
  });
  afterAll(async () => t.close());

  it('lets a visitor open a conversation and an agent answer it', async () => {
    const sent = await visitorSays(visitor.token, 'v-1', '你好，我的订单还没到');
    expect(sent.statusCode).toBe(201);
    const { message, conversation } = sent.json();
    expect(message).toMatchObject({ seq: 1, senderType: 'contact', text: '你好，我的订单还没到', private: false });
    expect(conversation.status).toBe('queued');
    expect(Object.keys(conversation).sort()).toEqual(['createdAt', 'id', 'lastSeq', 'status']);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?status=queued',
      headers: agent.headers,
    });
    expect(list.statusCode).toBe(200);
    const item = list.json().conversations.find((c: { id: string }) => c.id === conversation.id);
    expect(item).toMatchObject({
      status: 'queued',
      assigneeId: null,
      lastMessage: { text: '你好，我的订单还没到', senderType: 'contact' },
    });
    expect(item.contact.name).toMatch(/^访客 /);

    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.id}/messages`,
      headers: agent.headers,
      payload: { clientMessageId: 'a-1', text: '您好，请提供订单号' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ seq: 2, senderType: 'agent', senderId: ws().users.agent.id });

    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.id}/messages`,
      headers: agent.headers,
      payload: { clientMessageId: 'a-2', text: '内部备注：物流延误', private: true },
    });
    expect(note.statusCode).toBe(201);

    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation.id}`,
      headers: agent.headers,
    });
    expect(detail.json()).toMatchObject({
      status: 'assigned',
      assigneeId: ws().users.agent.id,
      contact: { id: visitor.contactId },
    });

    const all = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation.id}/messages`,
      headers: agent.headers,
    });
    expect(all.json().messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
    const firstId = all.json().messages[0].id;
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversation.id}/messages?after=${firstId}&limit=1`,
      headers: agent.headers,
    });
    expect(after.json().messages.map((m: { text: string }) => m.text)).toEqual(['您好，请提供订单号']);

    const widget = await t.app.inject({
      method: 'GET',
      url: '/api/v1/widget/conversation',
      headers: bearer(visitor.token),
    });
    expect(widget.json().messages.map((m: { text: string }) => m.text)).toEqual([
      '你好，我的订单还没到',
      '您好，请提供订单号',
    ]);

    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/conversations?assignee=me',
      headers: agent.headers,
    });
    expect(mine.json().conversations.map((c: { id: string }) => c.id)).toContain(conversation.id);
  });

  it('returns the same visitor for the same secret and a new one without it', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey: ws().widgetKey, visitorSecret: visitor.visitorSecret },
    });
    expect(again.json().contactId).toBe(visitor.contactId);
    const fresh = await newVisitor();
    expect(fresh.contactId).not.toBe(visitor.contactId);
    const unknownKey = await t.app.inject({
      method: 'POST',
      url: '/api/v1/widget/session',
      payload: { workspaceKey: 'wk_nope' },
    });
    expect(unknownKey.statusCode).toBe(404);
    expect(unknownKey.json().error.code).toBe('not_found');
  });

  it('moves conversations along the state machine and refuses illegal moves with 409', async () => {
    const v = await newVisitor();
    const { conversation } = (await visitorSays(v.token, 'x-1', '我要退货')).json();
    const url = `/api/v1/conversations/${conversation.id}/transitions`;
    const take = await t.app.inject({ method: 'POST', url, headers: agent.headers, payload: { to: 'assigned' } });
    expect(take.json()).toMatchObject({ status: 'assigned', assigneeId: ws().users.agent.id });
    const close = await t.app.inject({ method: 'POST', url, headers: agent.headers, payload: { to: 'closed' } });
    expect(close.statusCode).toBe(200);
    const before = await rowCounts();
    const reopen = await t.app.inject({ method: 'POST', url, headers: agent.headers, payload: { to: 'queued' } });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error).toMatchObject({
      code: 'illegal_transition',
      details: { from: 'closed', to: 'queued' },
    });
    const replyToClosed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.id}/messages`,
      headers: agent.headers,
      payload: { clientMessageId: 'late', text: '还在吗？' },
    });
    expect(replyToClosed.statusCode).toBe(409);
    expect(await rowCounts()).toEqual(before);

    const unknownAssignee = await t.app.inject({
      method: 'POST',
      url,
      headers: agent.headers,
      payload: { to: 'assigned', assigneeId: t.workspaces[1].users.agent.id },
    });
    expect(unknownAssignee.statusCode).toBe(404);
  });

  it('stores one message when the same clientMessageId is posted 20 times at once', async () => {
    const v = await newVisitor();
    const before = await rowCounts();
    const responses = await Promise.all(Array.from({ length: 20 }, () => visitorSays(v.token, 'dup-1', '在吗？急！')));
    expect(responses.every((r) => r.statusCode === 201 || r.statusCode === 200)).toBe(true);
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(new Set(responses.map((r) => r.json().message.id)).size).toBe(1);
    const after = await rowCounts();
    expect(after.messages - before.messages).toBe(1);
    expect(after.conversations - before.conversations).toBe(1);
    // conversation.opened + message.created
    expect(after.events - before.events).toBe(2);
  });

  it('answers two racing transitions as if one came after the other', async () => {
    const v = await newVisitor();
    const { conversation } = (await visitorSays(v.token, 'r-1', '帮我取消订单')).json();
    const url = `/api/v1/conversations/${conversation.id}/transitions`;
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url, headers: agent.headers, payload: { to: 'closed' } }),
      t.app.inject({ method: 'POST', url, headers: agent.headers, payload: { to: 'closed' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const events = await listReportingEvents(t.ctx.db, ws().id, {
      conversationId: conversation.id,
      type: 'conversation.transitioned',
    });
    expect(events).toHaveLength(1);
  });

  describe('bad input: a 4xx with a stable code, never a 5xx, never a partial write', () => {
    const cases: Array<{
      name: string;
      status: number;
      code: string;
      send: () => Promise<import('light-my-request').Response>;
    }> = [];
    const post = (payload: string | object, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/widget/messages',
        headers: { ...bearer(visitor.token), 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    cases.push(
      {
        name: 'malformed JSON',
        status: 400,
        code: 'invalid_json',
        send: () => post('{"clientMessageId": "a", "text": '),
      },
      {
        name: 'unknown field',
        status: 400,
        code: 'unknown_field',
        send: () => post({ clientMessageId: 'b1', text: '你好', admin: true }),
      },
      {
        name: 'wrong type',
        status: 400,
        code: 'validation_failed',
        send: () => post({ clientMessageId: 'b2', text: 42 }),
      },
      {
        name: 'bad clientMessageId',
        status: 400,
        code: 'validation_failed',
        send: () => post({ clientMessageId: '../x', text: '你好' }),
      },
      {
        name: 'empty text',
        status: 400,
        code: 'validation_failed',
        send: () => post({ clientMessageId: 'b3', text: '   ' }),
      },
      {
        name: 'text over 10,000 characters',
        status: 400,
        code: 'text_too_long',
        send: () => post({ clientMessageId: 'b4', text: '长'.repeat(10_001) }),
      },
      {
        name: 'lone surrogate',
        status: 400,
        code: 'invalid_text',
        send: () => post(`{"clientMessageId":"b5","text":"坏\\ud800字"}`),
      },
      {
        name: 'body over 1 MB',
        status: 413,
        code: 'payload_too_large',
        send: () => post({ clientMessageId: 'b6', text: '大'.repeat(400_000) }),
      },
      {
        name: 'expired visitor token',
        status: 401,
        code: 'token_expired',
        send: () => {
          const expired = signVisitorToken(t.ctx.secret, {
            ws: ws().id,
            inb: 'inb_x',
            ctc: visitor.contactId,
            vis: 'vis_x',
            exp: t.clock.now() - 1,
          });
          return post({ clientMessageId: 'b7', text: '你好' }, bearer(expired));
        },
      },
      {
        name: 'forged visitor token',
        status: 401,
        code: 'token_invalid',
        send: () => {
          const forged = signVisitorToken('another-secret-of-sufficient-length-000', {
            ws: ws().id,
            inb: 'inb_x',
            ctc: visitor.contactId,
            vis: 'vis_x',
            exp: t.clock.now() + 60_000,
          });
          return post({ clientMessageId: 'b8', text: '你好' }, bearer(forged));
        },
      },
      {
        name: 'unknown conversation id',
        status: 404,
        code: 'not_found',
        send: () =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/conversations/conv_${'0'.repeat(26)}/messages`,
            headers: agent.headers,
            payload: { clientMessageId: 'c1', text: '你好' },
          }),
      },
      {
        name: 'malformed conversation id',
        status: 400,
        code: 'validation_failed',
        send: () => t.app.inject({ method: 'GET', url: '/api/v1/conversations/1%20or%201=1', headers: agent.headers }),
      },
      {
        name: 'unknown status filter',
        status: 400,
        code: 'validation_failed',
        send: () =>
          t.app.inject({ method: 'GET', url: '/api/v1/conversations?status=deleted', headers: agent.headers }),
      },
      {
        name: 'unknown transition target',
        status: 400,
        code: 'validation_failed',
        send: () =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/conversations/conv_${'0'.repeat(26)}/transitions`,
            headers: agent.headers,
            payload: { to: 'archived' },
          }),
      },
    );

    for (const c of cases) {
      it(`${c.name} → ${c.status} ${c.code}`, async () => {
        const before = await rowCounts();
        const response = await c.send();
        expect(response.statusCode).toBe(c.status);
        expect(response.json().error.code).toBe(c.code);
        expect(await rowCounts()).toEqual(before);
      });
    }

    it('hides another workspace’s conversations and messages behind 404', async () => {
      const { conversation } = (await visitorSays(visitor.token, 'tenant-1', '我的隐私信息')).json();
      const before = await rowCounts();
      const attempts = await Promise.all([
        t.app.inject({ method: 'GET', url: `/api/v1/conversations/${conversation.id}`, headers: otherAgent.headers }),
        t.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${conversation.id}/messages`,
          headers: otherAgent.headers,
        }),
        t.app.inject({
          method: 'POST',
          url: `/api/v1/conversations/${conversation.id}/messages`,
          headers: otherAgent.headers,
          payload: { clientMessageId: 'evil', text: '越权回复' },
        }),
        t.app.inject({
          method: 'POST',
          url: `/api/v1/conversations/${conversation.id}/transitions`,
          headers: otherAgent.headers,
          payload: { to: 'closed' },
        }),
      ]);
      expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404, 404]);
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: otherAgent.headers });
      expect(list.json().conversations.map((c: { id: string }) => c.id)).not.toContain(conversation.id);
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses replies without the CSRF token of the session', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/conv_${'0'.repeat(26)}/messages`,
        headers: { cookie: agent.cookie },
        payload: { clientMessageId: 'c2', text: '你好' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf_failed');
    });
  });

  it('sets presence for console users', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/presence',
      headers: agent.headers,
      payload: { status: 'online' },
    });
    expect(response.json()).toEqual({ status: 'online' });
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/presence',
      headers: agent.headers,
      payload: { status: 'busy' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of [
      '/api/v1/conversations/{conversationId}/messages',
      '/api/v1/widget/session',
      '/api/v1/presence',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
