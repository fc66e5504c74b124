import { describe, expect, it } from 'vitest';
import { sharedRead } from './shared-read.ts';

describe('sharedRead', () => {
  it('callers of one turn share one read, started after all of them asked; later callers get a new read', async () => {
    const db = {};
    let value = 1;
    let reads = 0;
    const read = async () => {
      reads++;
      return value;
    };
    const first = [sharedRead(db, 'k', read), sharedRead(db, 'k', read)];
    // A change made in the same turn, after the first callers asked, is still seen by their read.
    value = 2;
    const third = sharedRead(db, 'k', read);
    expect(await Promise.all([...first, third])).toEqual([2, 2, 2]);
    expect(reads).toBe(1);
    value = 3;
    expect(await sharedRead(db, 'k', read)).toBe(3);
    expect(reads).toBe(2);
  });

  it('keeps keys and database handles apart', async () => {
    const a = {};
    const b = {};
    const results = await Promise.all([
      sharedRead(a, 'x', async () => 'a-x'),
      sharedRead(a, 'y', async () => 'a-y'),
      sharedRead(b, 'x', async () => 'b-x'),
    ]);
    expect(results).toEqual(['a-x', 'a-y', 'b-x']);
  });

  it('a failed read fails its callers only; the next read runs again', async () => {
    const db = {};
    const failing = Promise.all([
      sharedRead(db, 'k', () => Promise.reject(new Error('down'))),
      sharedRead(db, 'k', async () => 'unused'),
    ]);
    await expect(failing).rejects.toThrow('down');
    expect(await sharedRead(db, 'k', async () => 'up')).toBe('up');
  });
});
