import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddingsClient, embedDocs, searchWithEmbeddings } from './embeddings.ts';
import { createSearchIndex } from './search-index.ts';
import type { SearchDoc } from './types.ts';

// A stand-in for an OpenAI-compatible server: each text becomes a vector of "concepts" it mentions, in any language.
const CONCEPTS = [/退款|退钱|refund|money back/i, /快递|物流|deliver|parcel/i, /发票|invoice/i];
function embedText(text: string): number[] {
  return [...CONCEPTS.map((re): number => (re.test(text) ? 1 : 0)), 0.01];
}

let server: Server;
let baseUrl: string;
const received: { auth?: string; model?: string; input: string[] }[] = [];
let failNext = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings' || failNext) {
        failNext = false;
        res.writeHead(req.url === '/v1/embeddings' ? 503 : 404).end();
        return;
      }
      const body = JSON.parse(raw) as { model: string; input: string[] };
      received.push({ auth: req.headers.authorization, model: body.model, input: body.input });
      const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: embedText(t) })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data, model: body.model }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const doc = (id: string, title: string, body = ''): SearchDoc => ({
  id,
  articleId: id,
  kind: 'faq',
  language: 'zh',
  title,
  alternates: [],
  body,
  categoryId: null,
  tags: [],
  channels: [],
  effectiveFrom: null,
  effectiveTo: null,
});

describe('embeddings client', () => {
  it('is off unless a base URL is configured', () => {
    expect(createEmbeddingsClient(undefined)).toBeNull();
    expect(createEmbeddingsClient({ baseUrl: '', model: 'm' })).toBeNull();
  });

  it('speaks the /v1/embeddings protocol, in order, with the API key', async () => {
    const client = createEmbeddingsClient({ baseUrl, model: 'bge-m3', apiKey: 'sk-test', batchSize: 2 });
    const vectors = await client?.embed(['怎么退款', '快递到哪了', '开发票']);
    expect(vectors?.map((v) => [...v])).toEqual([
      [1, 0, 0, expect.closeTo(0.01)],
      [0, 1, 0, expect.closeTo(0.01)],
      [0, 0, 1, expect.closeTo(0.01)],
    ]);
    expect(received.at(-1)?.auth).toBe('Bearer sk-test');
    expect(received.at(-1)?.model).toBe('bge-m3');
    expect(received.slice(-2).map((r) => r.input.length)).toEqual([2, 1]);
  });

  it('redacts phones, e-mails, ID and card numbers before sending', async () => {
    const client = createEmbeddingsClient({ baseUrl, model: 'm' });
    await client?.embed([
      '我的手机13812345678，邮箱 Li.Lei@Example.com，身份证11010519491231002X，卡号6222 0212 3456 7890',
    ]);
    const sent = received.at(-1)?.input[0] ?? '';
    expect(sent).not.toMatch(/138|example|Li\.Lei|110105|6222/i);
    expect(sent).toContain('[phone]');
    expect(sent).toContain('[email]');
  });

  it('brings in a semantically close doc lexical search misses, and falls back when the endpoint fails', async () => {
    const client = createEmbeddingsClient({ baseUrl, model: 'm' });
    const index = createSearchIndex();
    const docs = [doc('refund', '退款多久能到账'), doc('ship', '快递一般几天送到'), doc('invoice', '怎么开发票')];
    for (const d of docs) index.upsert(d);
    expect(await embedDocs(index, client as NonNullable<typeof client>, docs)).toBe(true);
    const lexical = index.search('money back please');
    expect(lexical.map((h) => h.docId)).not.toContain('refund');
    const semantic = await searchWithEmbeddings(index, client, 'money back please');
    expect(semantic.semantic).toBe(true);
    expect(semantic.hits[0]?.docId).toBe('refund');
    failNext = true;
    const fallback = await searchWithEmbeddings(index, client, '退款多久到账');
    expect(fallback.semantic).toBe(false);
    expect(fallback.hits[0]?.docId).toBe('refund');
  });

  it('reports an unreachable endpoint as a failure, not a crash', async () => {
    const client = createEmbeddingsClient({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', timeoutMs: 2000 });
    const index = createSearchIndex();
    index.upsert(doc('a', '退款'));
    expect(await embedDocs(index, client as NonNullable<typeof client>, [doc('a', '退款')])).toBe(false);
  });
});
