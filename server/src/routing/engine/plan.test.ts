import { describe, expect, it } from 'vitest';
import type { EligibilityContext } from './eligibility.ts';
import { canServe } from './eligibility.ts';
import { escalate, initialLevel } from './escalation.ts';
import { planAssignments } from './plan.ts';
import { DEFAULT_PRIORITY_PARAMS } from './priority.ts';
import { chooseAgent } from './strategies.ts';
import { agent, conversation } from './testing.ts';

const open: EligibilityContext = { openTeams: new Map() };
const T0 = 1_000_000;

describe('eligibility', () => {
  it('needs every required skill at its level, the language, the team, the support level and presence', () => {
    const wang = agent('usr_wang', { skills: { billing: 3, complaints: 2 }, languages: ['zh'], level: 2 });
    expect(canServe(wang, conversation('c1', { skills: { billing: 3 }, language: 'zh' }), open)).toBe(true);
    expect(canServe(wang, conversation('c2', { skills: { billing: 4 } }), open)).toBe(false);
    expect(canServe(wang, conversation('c3', { language: 'en' }), open)).toBe(false);
    expect(canServe(wang, conversation('c4', { team: 'vip_desk' }), open)).toBe(false);
    expect(canServe(wang, conversation('c5', { level: 3 }), open)).toBe(false);
    expect(canServe({ ...wang, online: false }, conversation('c6'), open)).toBe(false);
  });

  it('closed teams take nothing; borrowed agents serve the team they are lent to', () => {
    const lee = agent('usr_lee', { teams: ['presales'] });
    const c = conversation('c1', { team: 'general' });
    expect(canServe(lee, c, open)).toBe(false);
    expect(canServe(lee, c, { openTeams: new Map(), borrowed: new Map([['general', ['presales']]]) })).toBe(true);
    expect(canServe(agent('usr_x'), c, { openTeams: new Map([['general', false]]) })).toBe(false);
  });

  it('a conversation reserved for one agent goes to them only', () => {
    const c = conversation('c1', { reservedFor: 'usr_b' });
    expect(canServe(agent('usr_a'), c, open)).toBe(false);
    expect(canServe(agent('usr_b', { teams: ['other'] }), c, open)).toBe(true);
  });
});

describe('strategies', () => {
  const generalist = agent('usr_gen', { skills: { billing: 1 } });
  const expert = agent('usr_exp', { skills: { billing: 5 } });

  it('best match gives the conversation to the strongest skill, then the least loaded', () => {
    const c = conversation('c1', { skills: { billing: 1 } });
    expect(chooseAgent('best_match', c, [generalist, expert], open)?.id).toBe('usr_exp');
    const busyA = agent('usr_a', { load: { web_widget: 1 } });
    const idleB = agent('usr_b', { lastAssignedAt: 99 });
    expect(chooseAgent('best_match', conversation('c2'), [busyA, idleB], open)?.id).toBe('usr_b');
  });

  it('round robin rotates by who was given one longest ago', () => {
    const a = agent('usr_a', { lastAssignedAt: 50 });
    const b = agent('usr_b', { lastAssignedAt: 10 });
    expect(chooseAgent('round_robin', conversation('c1'), [a, b], open)?.id).toBe('usr_b');
  });

  it('manual pick assigns nothing by itself', () => {
    expect(chooseAgent('manual', conversation('c1'), [generalist], open)).toBeUndefined();
    expect(
      planAssignments({
        agents: [generalist],
        waiting: [conversation('c1')],
        params: DEFAULT_PRIORITY_PARAMS,
        strategy: 'manual',
        context: open,
        now: T0,
      }).assignments,
    ).toEqual([]);
  });
});

describe('planAssignments', () => {
  it('serves the highest priority first and never fills an agent past capacity', () => {
    const only = agent('usr_a', { capacity: { web_widget: 1 } });
    const regular = conversation('c_regular', { enqueuedAt: T0 });
    const vip = conversation('c_vip', { valueTier: 'vip', sentiment: -0.8, enqueuedAt: T0 });
    const plan = planAssignments({
      agents: [only],
      waiting: [regular, vip],
      params: DEFAULT_PRIORITY_PARAMS,
      strategy: 'best_match',
      context: open,
      now: T0,
    });
    expect(plan.assignments).toEqual([{ conversationId: 'c_vip', agentId: 'usr_a' }]);
    expect(plan.agents[0]?.load).toEqual({ web_widget: 1 });
    expect(only.load).toEqual({});
  });

  it('skips a conversation nobody can take and keeps going down the line', () => {
    const plan = planAssignments({
      agents: [agent('usr_a', { languages: ['zh'] })],
      waiting: [conversation('c_en', { language: 'en', valueTier: 'vip' }), conversation('c_zh', { language: 'zh' })],
      params: DEFAULT_PRIORITY_PARAMS,
      strategy: 'best_match',
      context: open,
      now: T0,
    });
    expect(plan.assignments.map((a) => a.conversationId)).toEqual(['c_zh']);
  });

  it('gives an agent who just freed one slot the best conversation they can take', () => {
    const a = agent('usr_a', { skills: { tech: 2 }, capacity: { web_widget: 1 } });
    const waiting = [
      conversation('c_billing', { skills: { billing: 1 }, valueTier: 'vip' }),
      conversation('c_tech_old', { skills: { tech: 1 }, enqueuedAt: T0 - 60_000 }),
      conversation('c_tech_new', { skills: { tech: 1 }, enqueuedAt: T0 }),
    ];
    for (const method of ['auto', 'scans', 'ranking'] as const) {
      const plan = planAssignments(
        { agents: [a], waiting, params: DEFAULT_PRIORITY_PARAMS, strategy: 'best_match', context: open, now: T0 },
        method,
      );
      expect(plan.assignments).toEqual([{ conversationId: 'c_tech_old', agentId: 'usr_a' }]);
    }
  });
});

describe('escalation', () => {
  it('climbs L1 → L2 → L3 into the specialist teams and stops at L3', () => {
    const teams = { 2: 'tier2', 3: 'specialists' } as const;
    expect(escalate({ level: 1, team: 'general' }, teams)).toEqual({ level: 2, team: 'tier2' });
    expect(escalate({ level: 2, team: 'tier2' }, teams)).toEqual({ level: 3, team: 'specialists' });
    expect(escalate({ level: 3, team: 'specialists' }, teams)).toBeUndefined();
    expect(escalate({ level: 1, team: 'general' }, {})).toEqual({ level: 2, team: 'general' });
    expect(initialLevel(0.9)).toBe(2);
    expect(initialLevel(0.2, 'asks_for_human')).toBe(1);
  });
});
