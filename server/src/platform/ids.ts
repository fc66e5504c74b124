import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Prefixed, random, time-sortable ids (`conv_01J…`). Never sequential integers: ids appear in URLs,
 * and guessable ids invite IDOR attempts. The monotonic factory keeps ids made in the same millisecond ordered.
 */
const nextUlid = monotonicFactory(bufferedRandom());

/**
 * The same randomness ulid would draw (crypto bytes, one per character, as a fraction of 256), taken from a buffer
 * refilled 4 KiB at a time: ulid's default asks the OS-backed generator once per character, 16 times per id, and
 * that showed up in a message's CPU profile.
 */
function bufferedRandom(): () => number {
  const buffer = new Uint8Array(4096);
  let next = buffer.length;
  return () => {
    if (next === buffer.length) {
      randomFillSync(buffer);
      next = 0;
    }
    return (buffer[next++] as number) / 256;
  };
}

export const ID_PREFIXES = [
  'ws',
  'usr',
  'ses',
  'tok',
  'aud',
  'ctc',
  'cid',
  'inb',
  'conv',
  'msg',
  'evt',
  'job',
  'vis',
] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number] | (string & {});

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${nextUlid().toLowerCase()}`;
}

const ID_PATTERN = /^[a-z]{2,6}_[0-9a-hjkmnp-tv-z]{26}$/;

/** True when `value` has the shape of an id with this prefix (cheap check before touching the database). */
export function isId(value: unknown, prefix?: IdPrefix): value is string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) return false;
  return prefix === undefined || value.startsWith(`${prefix}_`);
}
