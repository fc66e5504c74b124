import { createHmac } from 'node:crypto';
import { safeEqual } from './crypto.ts';

/**
 * Signatures of the requests Lingxi sends to other systems (flow actions, outbound webhooks), so the receiver can
 * tell they came from us and were not replayed: header `x-lingxi-signature: t=<epoch ms>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. The timestamp is inside the signed text, so an old request cannot be re-sent with a new time.
 */
export const SIGNATURE_HEADER = 'x-lingxi-signature';

export function signBody(secret: string, body: string, at: number): string {
  const digest = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return `t=${at},v1=${digest}`;
}

/** True when the header signs this body with this secret and is no older (or newer) than `toleranceMs`. */
export function verifyBodySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: number,
  toleranceMs = 5 * 60_000,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  const at = Number(parts.t);
  if (!Number.isFinite(at) || Math.abs(now - at) > toleranceMs || typeof parts.v1 !== 'string') return false;
  return safeEqual(signBody(secret, body, at), `t=${at},v1=${parts.v1}`);
}
