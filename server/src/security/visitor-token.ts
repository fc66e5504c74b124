import { z } from 'zod';
import { hmac, safeEqual } from './crypto.ts';

/**
 * Widget visitors hold a signed token bound to one workspace, inbox and contact. It is a bearer credential for that
 * contact's conversations only; nothing in it is secret, its signature is what counts.
 */
const Claims = z.object({
  ws: z.string(),
  inb: z.string(),
  ctc: z.string(),
  vis: z.string(),
  exp: z.number(),
});
export type VisitorClaims = z.infer<typeof Claims>;

export const VISITOR_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export function signVisitorToken(secret: string, claims: VisitorClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `v1.${body}.${hmac(secret, `visitor:${body}`)}`;
}

export type VisitorTokenCheck = { ok: true; claims: VisitorClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyVisitorToken(secret: string, token: string, now: number): VisitorTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return { ok: false, reason: 'invalid' };
  const [, body, signature] = parts as [string, string, string];
  if (!safeEqual(signature, hmac(secret, `visitor:${body}`))) return { ok: false, reason: 'invalid' };
  let claims: VisitorClaims;
  try {
    claims = Claims.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (claims.exp <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
