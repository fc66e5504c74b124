import { hmac, safeEqual } from './crypto.ts';

/**
 * Synchronizer token bound to the session: the console reads it from /auth/me and sends it as `x-csrf-token` on every
 * unsafe request. A cross-site form cannot read it, so a forged request fails even though the cookie rides along.
 */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return hmac(secret, `csrf:${sessionId}`);
}

export function isValidCsrfToken(secret: string, sessionId: string, token: string | undefined): boolean {
  return typeof token === 'string' && safeEqual(token, csrfTokenFor(secret, sessionId));
}
