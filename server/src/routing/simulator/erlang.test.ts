import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangC, serviceLevel } from './erlang.ts';

describe('Erlang C', () => {
  it('matches the textbook case: 10 Erlangs on 12 servers waits with p ≈ 0.449', () => {
    expect(erlangC(12, 10)).toBeCloseTo(0.4493, 3);
    expect(erlangC(10, 10)).toBe(1);
  });

  it('finds the fewest agents for 80/20: 360 calls an hour of 240 s (24 Erlangs)', () => {
    const n = agentsNeeded({
      arrivalsPerHour: 360,
      handleSeconds: 240,
      targetSeconds: 20,
      targetServiceLevel: 0.8,
      concurrency: 1,
    });
    expect(n).toBe(29);
    expect(serviceLevel(n, 24, 20, 240)).toBeGreaterThanOrEqual(0.8);
    expect(serviceLevel(n - 1, 24, 20, 240)).toBeLessThan(0.8);
  });

  it('counts a chat agent working two conversations as two servers', () => {
    const one = agentsNeeded({
      arrivalsPerHour: 120,
      handleSeconds: 600,
      targetSeconds: 60,
      targetServiceLevel: 0.8,
      concurrency: 1,
    });
    const two = agentsNeeded({
      arrivalsPerHour: 120,
      handleSeconds: 600,
      targetSeconds: 60,
      targetServiceLevel: 0.8,
      concurrency: 2,
    });
    expect(two).toBeLessThan(one);
  });
});
