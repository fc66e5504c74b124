import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  assertWeights,
  complexityOf,
  DEFAULT_PRIORITY_PARAMS,
  fixedScore,
  priorityOf,
  priorityScale,
  scaledPriority,
  slaDivisor,
} from './priority.ts';
import { SeededRandom } from './random.ts';
import type { PriorityParams, WaitingConversation } from './types.ts';

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);

function waiting(overrides: Partial<WaitingConversation> = {}): WaitingConversation {
  return {
    id: 'conv_a',
    team: 'general',
    channel: 'web_widget',
    language: 'zh',
    skills: {},
    level: 1,
    valueTier: 'regular',
    complexity: 0.3,
    sentiment: 0,
    enqueuedAt: T0,
    ...overrides,
  };
}

describe('priority', () => {
  it('ranks an angry VIP (“你们怎么回事，我要投诉！”) above a calm regular customer who arrived together', () => {
    const vip = priorityOf(
      DEFAULT_PRIORITY_PARAMS,
      waiting({ valueTier: 'vip', sentiment: -0.9, complexity: 0.6 }),
      T0,
    );
    const regular = priorityOf(DEFAULT_PRIORITY_PARAMS, waiting({ valueTier: 'regular', sentiment: 0.2 }), T0);
    expect(vip).toBeGreaterThan(regular);
  });

  it('ages: a new customer who waited long enough overtakes a VIP who just arrived (nobody starves)', () => {
    const old = waiting({ valueTier: 'new', sentiment: 0.5, complexity: 0, enqueuedAt: T0 });
    const vip = waiting({ valueTier: 'vip', sentiment: -1, complexity: 1, enqueuedAt: T0 + 20 * 60_000 });
    const at = T0 + 20 * 60_000;
    expect(priorityOf(DEFAULT_PRIORITY_PARAMS, old, at)).toBeGreaterThan(priorityOf(DEFAULT_PRIORITY_PARAMS, vip, at));
  });

  it('gives a channel with a tighter response target more urgency for the same wait', () => {
    const at = T0 + 60_000;
    const widget = priorityOf(DEFAULT_PRIORITY_PARAMS, waiting({ channel: 'web_widget' }), at);
    const api = priorityOf(DEFAULT_PRIORITY_PARAMS, waiting({ channel: 'api' }), at);
    expect(widget).toBeGreaterThan(api);
  });

  it('follows the workspace weights: with only the value weight, tier alone decides', () => {
    const params = {
      ...DEFAULT_PRIORITY_PARAMS,
      weights: { value: 1, complexity: 0, sentiment: 0, waiting: 0, sla: 0 },
    };
    expect(priorityOf(params, waiting({ valueTier: 'vip' }), T0)).toBe(1);
    expect(priorityOf(params, waiting({ valueTier: 'new', sentiment: -1 }), T0 + 3_600_000)).toBe(0.3);
  });

  it('refuses weights that are negative or sum to zero with invalid_routing_weights', () => {
    const zero = { value: 0, complexity: 0, sentiment: 0, waiting: 0, sla: 0 };
    for (const weights of [zero, { ...zero, value: -1, waiting: 2 }, { ...zero, sla: Number.NaN, value: 1 }]) {
      try {
        assertWeights(weights);
        expect.unreachable('weights were accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('invalid_routing_weights');
        expect((error as AppError).status).toBe(400);
      }
    }
    expect(() => assertWeights({ ...zero, waiting: 0.1 })).not.toThrow();
  });

  it('scores complexity from the hand-off reason, bot turns and intent level', () => {
    expect(complexityOf({ reason: 'complaint', botTurns: 8, intentLevel: 3 })).toBeGreaterThan(
      complexityOf({ reason: 'asks_for_human', botTurns: 1 }),
    );
    expect(complexityOf({})).toBeGreaterThanOrEqual(0);
    expect(complexityOf({ reason: 'complaint', botTurns: 100, intentLevel: 3 })).toBeLessThanOrEqual(1);
  });
});

describe('priorityScale', () => {
  it('gives priorityOf’s number bit for bit (the scan and the ranking use it) on 20,000 random conversations and params', () => {
    const random = new SeededRandom(21);
    let differences = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const params: PriorityParams = {
        weights: {
          value: random.pick([0, 1, 3, 0.7]),
          complexity: random.pick([0, 2, 1.3]),
          sentiment: random.pick([0, 3, 0.1]),
          waiting: random.pick([0, 2, 5.5]),
          sla: random.pick([0, 1, 2.2]),
        },
        agingSeconds: random.pick([0, 1, 300, 77]),
        slaSeconds: { default: random.pick([0, 120, 45]), web_widget: random.pick([60, 0.5]), api: 300 },
        tierValue: { vip: random.pick([1, 1.5]), regular: random.pick([0.5, -0.2]), new: 0.3 },
      };
      const c = waiting({
        channel: random.pick(['web_widget', 'api', 'email']),
        valueTier: random.pick(['vip', 'regular', 'new'] as const),
        complexity: random.next() * 1.4 - 0.2,
        sentiment: random.next() * 2.2 - 1.1,
        enqueuedAt: T0 - random.int(-5_000, 7_200_000),
      });
      const scale = priorityScale(params);
      const scaled = scaledPriority(scale, fixedScore(scale, c), slaDivisor(scale, c.channel), c, T0);
      const plain = priorityOf(params, c, T0);
      if (!Object.is(scaled, plain)) differences++;
      seen.add(plain);
    }
    expect(differences).toBe(0);
    expect(seen.size).toBeGreaterThan(10_000);
  });
});
