import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import { type AddressPolicy, assertAllowedHost, guardedLookup } from './address-guard.ts';

/** One HTTP response as the crawler needs it. Redirects are not followed here: the crawler decides about each hop. */
export interface FetchedResponse {
  url: string;
  status: number;
  /** Lowercase header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export type PageFetcher = (url: string) => Promise<FetchedResponse>;

export interface HttpFetcherOptions {
  policy: AddressPolicy;
  userAgent: string;
  /** Whole request, connect to last byte. */
  timeoutMs?: number;
  /** Largest body kept, after decompression; a larger one fails the fetch. */
  maxBytes?: number;
}

export class FetchError extends Error {
  constructor(
    message: string,
    readonly reason: 'blocked_address' | 'too_large' | 'timeout' | 'network' | 'bad_url',
  ) {
    super(message);
  }
}

/** GET over http(s) with the SSRF guard in the socket's lookup, a time limit and a byte limit. */
export function createHttpFetcher(options: HttpFetcherOptions): PageFetcher {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const lookup = guardedLookup(options.policy);
  return (url) =>
    new Promise<FetchedResponse>((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
        if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('only http and https');
        assertAllowedHost(target.hostname, options.policy);
      } catch (error) {
        const blocked = (error as { code?: string }).code === 'ERR_BLOCKED_ADDRESS';
        reject(new FetchError((error as Error).message, blocked ? 'blocked_address' : 'bad_url'));
        return;
      }
      const client = target.protocol === 'https:' ? https : http;
      const request = client.get(
        target,
        {
          lookup: lookup as never,
          headers: {
            'user-agent': options.userAgent,
            accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5',
            'accept-encoding': 'gzip, deflate, br',
          },
          timeout: timeoutMs,
        },
        (response) => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          const declared = Number(headers['content-length'] ?? 0);
          if (declared > maxBytes) {
            response.destroy();
            reject(new FetchError(`${url} is larger than ${maxBytes} bytes`, 'too_large'));
            return;
          }
          // Decompression is bounded too: a small gzip body can inflate to gigabytes.
          const encoding = (headers['content-encoding'] ?? '').toLowerCase();
          const stream =
            encoding === 'gzip' || encoding === 'x-gzip'
              ? response.pipe(zlib.createGunzip())
              : encoding === 'deflate'
                ? response.pipe(zlib.createInflate())
                : encoding === 'br'
                  ? response.pipe(zlib.createBrotliDecompress())
                  : response;
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              response.destroy();
              stream.destroy();
              reject(new FetchError(`${url} is larger than ${maxBytes} bytes`, 'too_large'));
              return;
            }
            chunks.push(chunk);
          });
          stream.on('end', () =>
            resolve({ url, status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) }),
          );
          stream.on('error', (error) => reject(new FetchError(`${url}: ${error.message}`, 'network')));
        },
      );
      const timer = setTimeout(
        () => request.destroy(new FetchError(`${url} timed out after ${timeoutMs} ms`, 'timeout')),
        timeoutMs,
      );
      request.on('close', () => clearTimeout(timer));
      request.on('timeout', () => request.destroy(new FetchError(`${url} timed out after ${timeoutMs} ms`, 'timeout')));
      request.on('error', (error) => {
        if (error instanceof FetchError) return reject(error);
        const blocked = (error as { code?: string }).code === 'ERR_BLOCKED_ADDRESS';
        reject(new FetchError(error.message, blocked ? 'blocked_address' : 'network'));
      });
    });
}
