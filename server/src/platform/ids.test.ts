import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids.ts';

describe('newId', () => {
  it('makes prefixed, unique, time-ordered ids across many refills of the random buffer', () => {
    const ids = Array.from({ length: 5000 }, () => newId('msg'));
    expect(ids.every((id) => isId(id, 'msg'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('spreads the random part: ids of different milliseconds do not share their random characters', async () => {
    const first = newId('conv');
    await new Promise((resolve) => setTimeout(resolve, 3));
    const second = newId('conv');
    expect(first.slice(-16)).not.toBe(second.slice(-16));
    expect(isId(first, 'msg')).toBe(false);
  });
});
