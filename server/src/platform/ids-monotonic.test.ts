import { encodeTime } from 'ulid';
import { afterEach, describe, expect, it, vi } from 'vitest';

// Random bytes whose digits (byte & 31) are 0 then fifteen 31s: the first increment carries through every digit.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return {
    ...original,
    randomFillSync: <T extends Uint8Array>(buffer: T): T => {
      for (let i = 0; i < buffer.length; i++) buffer[i] = i % 16 === 0 ? 0 : 31;
      return buffer;
    },
  };
});

const { isId, newId } = await import('./ids.ts');

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** The 80-bit random part of an id as a number. */
function randomPart(id: string): bigint {
  let value = 0n;
  for (const char of id.slice(-16)) value = value * 32n + BigInt(ALPHABET.indexOf(char));
  return value;
}

describe('newId within one millisecond', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('adds one to the random part, carrying into the leading characters, and keeps the time', () => {
    vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 26, 18, 0, 0));
    const ids = Array.from({ length: 2000 }, () => newId('msg'));
    expect(ids[0]?.slice(-16)).toBe('0zzzzzzzzzzzzzzz');
    expect(ids[1]?.slice(-16)).toBe('1000000000000000');
    for (let i = 1; i < ids.length; i++) {
      expect(randomPart(ids[i] as string) - randomPart(ids[i - 1] as string)).toBe(1n);
      expect(ids[i]?.slice(4, 14)).toBe(ids[0]?.slice(4, 14));
    }
    expect(ids.every((id) => isId(id, 'msg'))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it('stays ordered when the clock goes back, and starts afresh on a later millisecond', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 10, 26, 18, 0, 1));
    const before = newId('conv');
    now.mockReturnValue(Date.UTC(2026, 10, 26, 17, 59, 0));
    const behind = newId('conv');
    expect(behind > before).toBe(true);
    expect(behind.slice(5, 15)).toBe(before.slice(5, 15));
    now.mockReturnValue(Date.UTC(2026, 10, 26, 18, 0, 2));
    const later = newId('conv');
    expect(later > behind).toBe(true);
    expect(later.slice(5, 15)).not.toBe(before.slice(5, 15));
    expect(later.slice(-16)).toBe('0zzzzzzzzzzzzzzz');
  });

  it('encodes the time as ulid does (10 base-32 characters of epoch milliseconds)', () => {
    const at = Date.UTC(2027, 0, 1, 0, 0, 0, 385); // later than the other tests' ids: a fresh millisecond
    vi.spyOn(Date, 'now').mockReturnValue(at);
    expect(newId('evt').slice(4, 14)).toBe(encodeTime(at, 10).toLowerCase());
  });
});
