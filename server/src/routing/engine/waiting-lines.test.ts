import { describe, expect, it } from 'vitest';
import type { EligibilityContext } from './eligibility.ts';
import { nextConversationFor } from './plan.ts';
import { DEFAULT_PRIORITY_PARAMS } from './priority.ts';
import { SeededRandom } from './random.ts';
import { byPreference, chooseAgent } from './strategies.ts';
import { agent, conversation } from './testing.ts';
import type { AgentState, PriorityParams, WaitingConversation } from './types.ts';
import { WaitingLines } from './waiting-lines.ts';

const SKILLS = ['billing', 'tech', 'complaints'];
const TEAMS = ['general', 'vip_desk', 'billing'];
const CHANNELS = ['web_widget', 'api', 'email'];

function randomAgent(random: SeededRandom, i: number): AgentState {
  const skills: Record<string, number> = {};
  for (const skill of SKILLS) if (random.chance(0.5)) skills[skill] = random.int(1, 5);
  return agent(`usr_${i}`, {
    online: random.chance(0.9),
    skills,
    languages: random.chance(0.3) ? [] : [random.pick(['zh', 'en'])],
    teams: random.chance(0.3) ? [random.pick(TEAMS), random.pick(TEAMS)] : [random.pick(TEAMS)],
    level: random.pick([1, 2, 3] as const),
    capacity: { web_widget: random.int(0, 3), api: random.int(0, 2), email: random.int(0, 2) },
    load: { web_widget: random.int(0, 2) },
  });
}

function randomConversation(random: SeededRandom, id: string, now: number, agents: AgentState[]) {
  const skills: Record<string, number> = {};
  if (random.chance(0.6)) skills[random.pick(SKILLS)] = random.int(1, 4);
  return conversation(id, {
    team: random.pick(TEAMS),
    channel: random.pick(CHANNELS),
    language: random.chance(0.2) ? null : random.pick(['zh', 'en']),
    skills,
    level: random.pick([1, 1, 2, 3] as const),
    // Few distinct values, so equal priorities (ties broken by arrival, then id) happen often.
    valueTier: random.pick(['vip', 'regular', 'new'] as const),
    complexity: random.pick([0, 0.5, 1]),
    sentiment: random.pick([-1, 0, 1]),
    enqueuedAt: now - random.pick([0, 0, 1000, 30_000, 200_000, 1_000_000]),
    reservedFor: random.chance(0.05) ? random.pick(agents).id : null,
  });
}

/**
 * The index must give exactly the answer of the plain scan (every conversation scored now, line order), through
 * arrivals, departures, time passing (conversations crossing their SLA), closed teams and borrowed agents.
 */
function replay(seed: number, params: PriorityParams): string[] {
  const random = new SeededRandom(seed);
  let now = 1_800_000_000_000;
  const agents = Array.from({ length: 12 }, (_, i) => randomAgent(random, i));
  const waiting = new Map<string, WaitingConversation>();
  for (let i = 0; i < 40; i++) {
    const c = randomConversation(random, `c${i}`, now, agents);
    waiting.set(c.id, c);
  }
  const lines = new WaitingLines(params, now, waiting.values());
  const mismatches: string[] = [];
  let next = 40;
  for (let step = 0; step < 400; step++) {
    now += random.pick([0, 10, 5_000, 60_000, 130_000]);
    const roll = random.next();
    if (roll < 0.35) {
      const c = randomConversation(random, `c${next++}`, now, agents);
      waiting.set(c.id, c);
      lines.add(c, now);
    } else if (roll < 0.55 && waiting.size > 0) {
      const id = random.pick([...waiting.keys()]);
      waiting.delete(id);
      lines.remove(id);
    } else if (roll < 0.6 && waiting.size > 0) {
      // A changed profile (a tier change): replaced in place.
      const id = random.pick([...waiting.keys()]);
      const changed = { ...(waiting.get(id) as WaitingConversation), valueTier: random.pick(['vip', 'new'] as const) };
      waiting.set(id, changed);
      lines.add(changed, now);
    }
    const context: EligibilityContext = {
      openTeams: new Map(TEAMS.map((t) => [t, !random.chance(0.15)])),
      borrowed: random.chance(0.3) ? new Map([['vip_desk', [random.pick(TEAMS)]]]) : undefined,
    };
    for (const a of agents) {
      const expected = nextConversationFor(a, [...waiting.values()], params, context, now);
      const got = lines.bestFor(a, context, now);
      if (got?.id !== expected?.id) mismatches.push(`seed ${seed} step ${step} ${a.id}: ${got?.id} ≠ ${expected?.id}`);
    }
  }
  expect(lines.size).toBe(waiting.size);
  return mismatches;
}

describe('WaitingLines', () => {
  it('gives each agent exactly the conversation the full scan gives, as the queue and the clock move', () => {
    const mismatches: string[] = [];
    for (let seed = 1; seed <= 25; seed++) mismatches.push(...replay(seed, DEFAULT_PRIORITY_PARAMS));
    expect(mismatches).toEqual([]);
  });

  it('stays exact under other weights: aging only, SLA only, an unlisted channel’s default target', () => {
    const mismatches: string[] = [];
    const variants: PriorityParams[] = [
      { ...DEFAULT_PRIORITY_PARAMS, weights: { value: 0, complexity: 0, sentiment: 0, waiting: 1, sla: 0 } },
      { ...DEFAULT_PRIORITY_PARAMS, weights: { value: 1, complexity: 0, sentiment: 0, waiting: 0, sla: 5 } },
      { ...DEFAULT_PRIORITY_PARAMS, agingSeconds: 30, slaSeconds: { default: 20 } },
    ];
    for (const [i, params] of variants.entries())
      for (let seed = 100; seed < 108; seed++) mismatches.push(...replay(seed + i * 10, params));
    expect(mismatches).toEqual([]);
  });

  it('lets an older conversation overtake a newer, more valuable one once it has waited long enough', () => {
    const start = 1_800_000_000_000;
    const old = conversation('old', { valueTier: 'new', enqueuedAt: start });
    const vip = conversation('vip', { valueTier: 'vip', enqueuedAt: start + 1000 });
    const lines = new WaitingLines(DEFAULT_PRIORITY_PARAMS, start + 1000, [old, vip]);
    const someone = agent('usr_1');
    const context = { openTeams: new Map() };
    expect(lines.bestFor(someone, context, start + 1000)?.id).toBe('vip');
    // An hour later a new VIP arrives: the customer who has waited an hour comes first all the same.
    lines.remove('vip');
    lines.add(conversation('vip2', { valueTier: 'vip', enqueuedAt: start + 3_600_000 }), start + 3_600_000);
    expect(lines.bestFor(someone, context, start + 3_600_000)?.id).toBe('old');
    expect(lines.remove('old')).toBe(true);
    expect(lines.remove('old')).toBe(false);
    expect(lines.bestFor(someone, context, start + 3_600_000)?.id).toBe('vip2');
    expect(lines.bestFor({ ...someone, online: false }, context, start + 3_600_000)).toBeUndefined();
  });
});

describe('best match for an arriving conversation', () => {
  it('picks the agent the plain preference comparison picks (skill fit, load, rotation, id)', () => {
    const random = new SeededRandom(42);
    const context: EligibilityContext = { openTeams: new Map() };
    const mismatches: string[] = [];
    for (let round = 0; round < 300; round++) {
      const agents = Array.from({ length: 30 }, (_, i) => {
        const a = randomAgent(random, i);
        // Few distinct values, so ties on fit, load and rotation happen.
        return { ...a, online: true, lastAssignedAt: random.pick([0, 1, 2]) };
      });
      const c = randomConversation(random, `c${round}`, 1_800_000_000_000, agents);
      const arriving = { ...c, reservedFor: null };
      const expected = byPreference('best_match', arriving, agents, context);
      const got = chooseAgent('best_match', arriving, agents, context);
      if (got?.id !== expected?.id) mismatches.push(`round ${round}: ${got?.id} ≠ ${expected?.id}`);
    }
    expect(mismatches).toEqual([]);
  });
});
