import { describe, expect, it } from 'vitest';
import { canTakeNow, type EligibilityContext, reachOf, withinReach } from './eligibility.ts';
import { planAssignments, type RoutingSnapshot, rankWaiting } from './plan.ts';
import { DEFAULT_PRIORITY_PARAMS } from './priority.ts';
import { SeededRandom } from './random.ts';
import { chooseAgent } from './strategies.ts';
import { agent, conversation } from './testing.ts';
import type { AgentState, Assignment, Strategy } from './types.ts';

/**
 * planAssignments finds its plan by per-agent scans (few agents with room) or by ranking the line (many); both must
 * give exactly the plan of the plain algorithm it replaced, kept here verbatim as the reference: rank the whole line,
 * walk it from the top, each conversation to the strategy's pick among the agents with room.
 */
function referencePlan(snapshot: RoutingSnapshot): { assignments: Assignment[]; agents: AgentState[] } {
  const hasRoom = (a: AgentState) => {
    for (const channel in a.capacity) if ((a.capacity[channel] ?? 0) - (a.load[channel] ?? 0) > 0) return true;
    return false;
  };
  const agents = snapshot.agents.map((a) => ({ ...a, load: { ...a.load } }));
  const assignments: Assignment[] = [];
  if (snapshot.strategy === 'manual') return { assignments, agents };
  let free = agents.filter((a) => a.online && hasRoom(a));
  for (const conversation of rankWaiting(snapshot.waiting, snapshot.params, snapshot.now)) {
    if (free.length === 0) break;
    const agent = chooseAgent(snapshot.strategy, conversation, free, snapshot.context);
    if (!agent) continue;
    agent.load[conversation.channel] = (agent.load[conversation.channel] ?? 0) + 1;
    agent.lastAssignedAt = snapshot.now;
    assignments.push({ conversationId: conversation.id, agentId: agent.id });
    if (!hasRoom(agent)) free = free.filter((a) => a !== agent);
  }
  return { assignments, agents };
}

const TEAMS = ['general', 'vip_desk', 'billing'];
const SKILLS = ['billing', 'tech', 'complaints'];
const CHANNELS = ['web_widget', 'api', 'email'];

function randomSnapshot(random: SeededRandom, strategy: Strategy): RoutingSnapshot {
  const now = 5_000_000;
  const agentCount = random.int(1, random.chance(0.5) ? 4 : 30);
  const agents = Array.from({ length: agentCount }, (_, i) => {
    const skills: Record<string, number> = {};
    for (const skill of SKILLS) if (random.chance(0.5)) skills[skill] = random.int(1, 5);
    const capacity = { web_widget: random.int(0, 3), api: random.int(0, 2) };
    return agent(`usr_${i}`, {
      online: random.chance(0.8),
      skills,
      languages: random.chance(0.3) ? [] : [random.pick(['zh', 'en'])],
      teams: random.chance(0.3) ? [random.pick(TEAMS), random.pick(TEAMS)] : [random.pick(TEAMS)],
      level: random.pick([1, 2, 3] as const),
      capacity,
      // Often full or nearly: the pass after one agent freed capacity.
      load: { web_widget: random.int(0, capacity.web_widget), api: random.int(0, capacity.api) },
      // Ties in the rotation are common (several agents never assigned).
      lastAssignedAt: random.chance(0.3) ? 0 : random.int(0, now),
    });
  });
  const waiting = Array.from({ length: random.int(0, random.chance(0.3) ? 8 : 150) }, (_, i) => {
    const skills: Record<string, number> = {};
    if (random.chance(0.5)) skills[random.pick(SKILLS)] = random.int(1, 4);
    return conversation(`c_${String(random.int(0, 999)).padStart(3, '0')}_${i}`, {
      team: random.pick(TEAMS),
      channel: random.pick(CHANNELS),
      language: random.chance(0.3) ? null : random.pick(['zh', 'en']),
      skills,
      level: random.pick([1, 1, 2, 3] as const),
      // A few distinct values only, so equal priorities (and equal arrivals) happen: the tie-breaks are exercised.
      valueTier: random.pick(['vip', 'regular', 'new'] as const),
      complexity: random.pick([0, 0.3, 0.9]),
      sentiment: random.pick([-1, 0, 0.5]),
      enqueuedAt: now - random.pick([0, 1000, 60_000, 600_000]) * random.int(0, 3),
      reservedFor: random.chance(0.05) ? `usr_${random.int(0, agentCount)}` : null,
    });
  });
  const openTeams = new Map(TEAMS.map((team) => [team, !random.chance(0.15)]));
  const context: EligibilityContext = random.chance(0.3)
    ? { openTeams, borrowed: new Map([[random.pick(TEAMS), [random.pick(TEAMS)]]]) }
    : { openTeams };
  return { agents, waiting, params: DEFAULT_PRIORITY_PARAMS, strategy, context, now };
}

describe('planAssignments: scans and ranking give the reference plan', () => {
  for (const strategy of ['best_match', 'round_robin'] as const) {
    it(`on 3,000 random snapshots (${strategy})`, () => {
      const random = new SeededRandom(strategy === 'best_match' ? 11 : 12);
      const differences: string[] = [];
      let assigned = 0;
      for (let i = 0; i < 3000; i++) {
        const snapshot = randomSnapshot(random, strategy);
        const expected = referencePlan(snapshot);
        assigned += expected.assignments.length;
        for (const method of ['auto', 'scans', 'ranking'] as const) {
          const plan = planAssignments(snapshot, method);
          if (
            JSON.stringify(plan.assignments) !== JSON.stringify(expected.assignments) ||
            JSON.stringify(plan.agents) !== JSON.stringify(expected.agents)
          )
            differences.push(`snapshot ${i}, ${method}`);
        }
      }
      expect(differences).toEqual([]);
      // The snapshots are not trivial: plenty of assignments to compare.
      expect(assigned).toBeGreaterThan(3000);
    });
  }
});

/**
 * Runs `check` on 500 random best_match snapshots. `check` notes each difference it finds and returns how many of
 * its cases were positive (so a test can show it was not vacuous).
 */
function overSnapshots(
  seed: number,
  check: (snapshot: RoutingSnapshot, differ: (what: string) => void) => number,
): { differences: string[]; positives: number } {
  const random = new SeededRandom(seed);
  const differences: string[] = [];
  let positives = 0;
  for (let i = 0; i < 500; i++) {
    const snapshot = randomSnapshot(random, 'best_match');
    positives += check(snapshot, (what) => differences.push(`snapshot ${i}: ${what}`));
  }
  return { differences, positives };
}

describe('reach', () => {
  it('leaves out nothing an agent with room can take (500 random snapshots)', () => {
    let outOfReach = 0;
    const { differences, positives } = overSnapshots(13, (snapshot, differ) => {
      const inReach = new Set(withinReach(reachOf(snapshot.agents, snapshot.context), snapshot.waiting));
      let takeable = 0;
      for (const c of snapshot.waiting) {
        const someone = snapshot.agents.some((a) => canTakeNow(a, c, snapshot.context));
        if (someone && !inReach.has(c)) differ(c.id);
        if (someone) takeable++;
        if (!inReach.has(c)) outOfReach++;
      }
      return takeable;
    });
    expect(differences).toEqual([]);
    // Both sides are exercised: many takeable conversations, and many the filter does leave out.
    expect(positives).toBeGreaterThan(1000);
    expect(outOfReach).toBeGreaterThan(1000);
  });

  it("one agent's scan takes a conversation exactly when canTakeNow says so (500 random snapshots)", () => {
    // The scan checks team, channel, level, language and skills inline from the agent's reach (prepareTaker): a
    // pass with one agent and one conversation takes the scan's path (no filter, no ranking).
    const { differences, positives } = overSnapshots(13, (snapshot, differ) => {
      let yes = 0;
      for (const a of snapshot.agents)
        for (const c of snapshot.waiting) {
          const expected = canTakeNow(a, c, snapshot.context);
          const plan = planAssignments({ ...snapshot, agents: [a], waiting: [c] }, 'scans');
          if ((plan.assignments.length === 1) !== expected) differ(`${a.id} / ${c.id}`);
          if (expected) yes++;
        }
      return yes;
    });
    expect(differences).toEqual([]);
    expect(positives).toBeGreaterThan(1000);
  });

  it('an agent alone is given the highest-ranked conversation canTakeNow allows (500 random snapshots)', () => {
    const { differences, positives } = overSnapshots(14, (snapshot, differ) => {
      const ranked = rankWaiting(snapshot.waiting, snapshot.params, snapshot.now);
      let given = 0;
      for (const a of snapshot.agents) {
        const expected = ranked.find((c) => canTakeNow(a, c, snapshot.context))?.id;
        for (const method of ['scans', 'ranking'] as const) {
          const first = planAssignments({ ...snapshot, agents: [a] }, method).assignments[0]?.conversationId;
          if (first !== expected) differ(`${method}: ${a.id}`);
        }
        if (expected) given++;
      }
      return given;
    });
    expect(differences).toEqual([]);
    expect(positives).toBeGreaterThan(500);
  });
});
