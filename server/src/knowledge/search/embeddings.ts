// Optional embeddings from an external OpenAI-compatible endpoint (POST {baseUrl}/embeddings). Off unless a base URL
// is configured; every text is stripped of personal data before it is sent; failures fall back to lexical search.
import { redactPersonalData } from './redact.ts';
import type { SearchDoc, SearchHit, SearchIndex, SearchOptions } from './types.ts';

export interface EmbeddingsConfig {
  /** e.g. "http://127.0.0.1:8080/v1"; empty or absent: embeddings are off */
  baseUrl?: string | null;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** texts per request */
  batchSize?: number;
}

export interface EmbeddingsClient {
  embed(texts: string[]): Promise<Float32Array[]>;
}

export class EmbeddingsError extends Error {
  override readonly name = 'EmbeddingsError';
}

const MAX_CHARS = 2000;

/** null when not configured: callers then search lexically only. */
export function createEmbeddingsClient(
  config: EmbeddingsConfig | null | undefined,
  deps: { fetch?: typeof fetch } = {},
): EmbeddingsClient | null {
  const base = config?.baseUrl?.trim();
  if (!config || !base) return null;
  const url = `${base.replace(/\/+$/, '')}/embeddings`;
  const doFetch = deps.fetch ?? fetch;
  const batchSize = Math.max(1, config.batchSize ?? 64);

  async function request(input: string[]): Promise<Float32Array[]> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config?.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
        },
        body: JSON.stringify({ model: config?.model, input }),
        signal: AbortSignal.timeout(config?.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new EmbeddingsError(`embeddings endpoint unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!res.ok) throw new EmbeddingsError(`embeddings endpoint answered ${res.status}`);
    const body = (await res.json().catch(() => null)) as { data?: { embedding?: unknown; index?: number }[] } | null;
    const data = body?.data;
    if (!Array.isArray(data) || data.length !== input.length)
      throw new EmbeddingsError('malformed embeddings response');
    const out: (Float32Array | undefined)[] = new Array(input.length);
    data.forEach((item, i) => {
      const at = typeof item?.index === 'number' ? item.index : i;
      const v = item?.embedding;
      const valid = Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x));
      if (!valid || at < 0 || at >= input.length) throw new EmbeddingsError('malformed embeddings response');
      out[at] = Float32Array.from(v as number[]);
    });
    if (out.some((v) => v === undefined)) throw new EmbeddingsError('malformed embeddings response');
    return out as Float32Array[];
  }

  return {
    async embed(texts) {
      const clean = texts.map((t) => redactPersonalData(t).slice(0, MAX_CHARS));
      const out: Float32Array[] = [];
      for (let i = 0; i < clean.length; i += batchSize) out.push(...(await request(clean.slice(i, i + batchSize))));
      return out;
    },
  };
}

/** What a doc is embedded as: its question(s) and the start of its answer. */
export function embeddingText(doc: SearchDoc): string {
  return [doc.title, ...doc.alternates.slice(0, 3), doc.body].join('\n');
}

/** Embeds docs and attaches the vectors to the index; a failure leaves the docs lexical-only. */
export async function embedDocs(index: SearchIndex, client: EmbeddingsClient, docs: SearchDoc[]): Promise<boolean> {
  try {
    const vectors = await client.embed(docs.map(embeddingText));
    docs.forEach((d, i) => {
      index.setVector(d.id, vectors[i] ?? null);
    });
    return true;
  } catch (err) {
    if (err instanceof EmbeddingsError) return false;
    throw err;
  }
}

/** Hybrid search with the query's embedding when the endpoint answers; lexical only when it does not. */
export async function searchWithEmbeddings(
  index: SearchIndex,
  client: EmbeddingsClient | null,
  query: string,
  options: SearchOptions = {},
): Promise<{ hits: SearchHit[]; semantic: boolean }> {
  if (!client) return { hits: index.search(query, options), semantic: false };
  try {
    const [vector] = await client.embed([query]);
    return { hits: index.search(query, { ...options, queryVector: vector }), semantic: true };
  } catch (err) {
    if (!(err instanceof EmbeddingsError)) throw err;
    return { hits: index.search(query, options), semantic: false };
  }
}
