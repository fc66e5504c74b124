import { describe, expect, it } from 'vitest';
import { parseDayFlags } from './run-bench.ts';
import { arrivalsOf, DEFAULT_DAY, simulateDay } from './simulate.ts';

describe('staffing simulator', () => {
  const day = { ...DEFAULT_DAY, hours: 3, surgeHour: 1 };

  it('replays the same day for every strategy (seeded Poisson arrivals, busier in the surge hour)', () => {
    const arrivals = arrivalsOf(day);
    expect(arrivalsOf(day).map((a) => a.id)).toEqual(arrivals.map((a) => a.id));
    const perHour = [0, 1, 2].map((h) => arrivals.filter((a) => Math.floor(a.enqueuedAt / 3_600_000) === h).length);
    expect(perHour[1]).toBeGreaterThan(2 * (perHour[0] as number));
  });

  it('accounts for every customer: answered + abandoned = offered; more agents serve better', () => {
    const small = simulateDay({ ...day, agents: 4 }, 'best_match');
    const large = simulateDay({ ...day, agents: 12 }, 'best_match');
    for (const r of [small, large]) {
      expect(r.answered + Math.round(r.abandon_rate * r.offered)).toBe(r.offered);
      expect(r.occupancy).toBeGreaterThan(0);
      expect(r.occupancy).toBeLessThanOrEqual(1);
    }
    expect(large.service_level).toBeGreaterThan(small.service_level);
    expect(large.wait_s.mean).toBeLessThan(small.wait_s.mean);
  });

  it('serves VIPs better than the average under best match when short-staffed', () => {
    const r = simulateDay({ ...day, agents: 5 }, 'best_match');
    expect(r.vip_service_level).toBeGreaterThan(r.service_level);
  });

  it('reads flags: --agents 10 --tier-mix 0.2,0.5,0.3; refuses unknown ones', () => {
    expect(parseDayFlags(['--agents', '10', '--tier-mix', '0.2,0.5,0.3'])).toMatchObject({
      agents: 10,
      tierMix: { vip: 0.2, regular: 0.5, new: 0.3 },
    });
    expect(() => parseDayFlags(['--agentz', '3'])).toThrow(/unknown/);
  });
});
