import { describe, expect, it } from 'vitest';
import { canServe, canTakeNow, type EligibilityContext, roomIn } from './eligibility.ts';
import { planAssignments } from './plan.ts';
import { DEFAULT_PRIORITY_PARAMS, priorityOf } from './priority.ts';
import { SeededRandom } from './random.ts';
import { agent, conversation } from './testing.ts';
import type { AgentState, Strategy, WaitingConversation } from './types.ts';

/**
 * Replays random days: arrivals, presence flapping, closures, abandonment, capacity raised, time passing. After every
 * event the engine assigns what it can, and the three promises are checked: no conversation held twice, no agent
 * over capacity, nothing waiting while an agent who could take it has room; plus the line order (an agent is never
 * given a conversation while a higher-priority one they could serve is left waiting).
 */
const SKILLS = ['billing', 'tech', 'complaints'];
const LANGUAGES = ['zh', 'en'];
const TEAMS = ['general', 'vip_desk'];
const CHANNELS = ['web_widget', 'api'];

function randomAgent(random: SeededRandom, i: number): AgentState {
  const skills: Record<string, number> = {};
  for (const skill of SKILLS) if (random.chance(0.5)) skills[skill] = random.int(1, 5);
  return agent(`usr_${i}`, {
    online: random.chance(0.7),
    skills,
    languages: random.chance(0.3) ? [] : [random.pick(LANGUAGES)],
    teams: random.chance(0.3) ? [...TEAMS] : [random.pick(TEAMS)],
    level: random.pick([1, 2, 3] as const),
    capacity: { web_widget: random.int(0, 3), api: random.int(0, 2) },
  });
}

function randomConversation(random: SeededRandom, id: string, now: number): WaitingConversation {
  const skills: Record<string, number> = {};
  if (random.chance(0.6)) skills[random.pick(SKILLS)] = random.int(1, 4);
  return conversation(id, {
    team: random.pick(TEAMS),
    channel: random.pick(CHANNELS),
    language: random.chance(0.2) ? null : random.pick(LANGUAGES),
    skills,
    level: random.pick([1, 1, 2, 3] as const),
    valueTier: random.pick(['vip', 'regular', 'new'] as const),
    complexity: random.next(),
    sentiment: random.next() * 2 - 1,
    enqueuedAt: now,
  });
}

function replay(seed: number, strategy: Strategy, steps: number) {
  // expect() per check would dominate the run time: collect broken promises and assert once per day.
  const broken: string[] = [];
  const check = (ok: boolean, what: () => string) => {
    if (!ok) broken.push(`seed ${seed}: ${what()}`);
  };
  const random = new SeededRandom(seed);
  const context: EligibilityContext = { openTeams: new Map() };
  let agents = Array.from({ length: random.int(1, 6) }, (_, i) => randomAgent(random, i));
  let waiting: WaitingConversation[] = [];
  const held = new Map<string, { agentId: string; channel: string }>();
  const everAssigned = new Set<string>();
  let now = 1_000_000;
  let next = 0;

  for (let step = 0; step < steps; step++) {
    const roll = random.next();
    if (roll < 0.35) waiting.push(randomConversation(random, `conv_${next++}`, now));
    else if (roll < 0.5) {
      const flapping = random.pick(agents);
      flapping.online = !flapping.online; // presence flapping: held conversations stay with the agent
    } else if (roll < 0.7 && held.size > 0) {
      const [id, holder] = random.pick([...held.entries()]);
      held.delete(id);
      const owner = agents.find((a) => a.id === holder.agentId) as AgentState;
      owner.load[holder.channel] = (owner.load[holder.channel] ?? 0) - 1;
    } else if (roll < 0.78 && waiting.length > 0) {
      const leaving = random.pick(waiting);
      waiting = waiting.filter((c) => c !== leaving); // the customer gave up
    } else if (roll < 0.83) {
      const raised = random.pick(agents);
      const channel = random.pick(CHANNELS);
      raised.capacity[channel] = (raised.capacity[channel] ?? 0) + 1;
    } else now += random.int(1, 120) * 1000;

    const plan = planAssignments({ agents, waiting, params: DEFAULT_PRIORITY_PARAMS, strategy, context, now });
    const before = waiting;
    const byId = new Map(before.map((c) => [c.id, c]));
    agents = plan.agents;
    for (const assignment of plan.assignments) {
      check(!held.has(assignment.conversationId), () => `${assignment.conversationId} assigned twice`);
      check(!everAssigned.has(assignment.conversationId), () => `${assignment.conversationId} assigned again`);
      const c = byId.get(assignment.conversationId) as WaitingConversation;
      held.set(c.id, { agentId: assignment.agentId, channel: c.channel });
      everAssigned.add(c.id);
    }
    const assignedIds = new Set(plan.assignments.map((a) => a.conversationId));
    waiting = before.filter((c) => !assignedIds.has(c.id));

    const holding = new Map<string, number>();
    for (const h of held.values())
      holding.set(`${h.agentId}/${h.channel}`, (holding.get(`${h.agentId}/${h.channel}`) ?? 0) + 1);
    for (const a of agents) {
      for (const channel of CHANNELS) {
        check(
          (a.load[channel] ?? 0) === (holding.get(`${a.id}/${channel}`) ?? 0),
          () => `${a.id} load differs from what it holds`,
        );
        check(roomIn(a, channel) >= 0, () => `${a.id} over capacity on ${channel}`);
      }
    }
    if (strategy !== 'manual') {
      for (const c of waiting) {
        const idle = agents.find((a) => canTakeNow(a, c, context));
        check(idle === undefined, () => `${c.id} waits while ${idle?.id} could take it`);
      }
      for (const assignment of plan.assignments) {
        const given = byId.get(assignment.conversationId) as WaitingConversation;
        const to = agents.find((a) => a.id === assignment.agentId) as AgentState;
        const givenPriority = priorityOf(DEFAULT_PRIORITY_PARAMS, given, now);
        for (const c of waiting) {
          if (priorityOf(DEFAULT_PRIORITY_PARAMS, c, now) > givenPriority && c.channel === given.channel)
            check(!canServe(to, c, context), () => `${c.id} skipped for ${given.id}`);
        }
      }
    } else check(plan.assignments.length === 0, () => 'manual pick assigned by itself');
  }
  return { assigned: everAssigned.size, waiting: waiting.length, broken };
}

describe('exactly once, replayed over random days', () => {
  for (const strategy of ['best_match', 'round_robin', 'manual'] as const) {
    it(`${strategy}: 80 seeds × 200 events keep every promise`, () => {
      let assigned = 0;
      const broken: string[] = [];
      for (let seed = 1; seed <= 80; seed++) {
        const day = replay(seed * 7919, strategy, 200);
        assigned += day.assigned;
        broken.push(...day.broken);
      }
      expect(broken.slice(0, 5)).toEqual([]);
      if (strategy === 'manual') expect(assigned).toBe(0);
      else expect(assigned).toBeGreaterThan(1000);
    });
  }
});
