import type { Insertable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshEachTest, testEngines } from '../../test/support/engines.ts';
import { toJson } from '../platform/db/dialect.ts';
import { withinReach } from './engine/eligibility.ts';
import { SeededRandom } from './engine/random.ts';
import type { QueueEntryTable } from './queue-store.ts';
import { loadRoutingState, planForState, type RoutingState } from './snapshot.ts';
import { insertSurgePlan, setSurgeActive } from './surge-store.ts';
import { saveTeam } from './team-store.ts';
import { type RoutingBed, routingBed } from './testing.ts';
import { listWaiting, listWaitingReachable } from './waiting-store.ts';

/**
 * The assigner reads only the part of the line an agent with room could take (`waiting: 'reachable'`); its plan
 * must be the plan the whole line gives. Random lines (teams, channels, reservations for agents with and without
 * room) against agents with random loads, on each engine.
 */
describe.each(testEngines())('loadRoutingState on %s', (engine) => {
  const bed = freshEachTest(engine, routingBed);

  it('reads only what agents with room could take, and the plan is the one the whole line gives', async () => {
    await comparePlans(bed());
  });

  it("leaves out a closed team's line and reads the line of a team lent agents by a surge plan", async () => {
    const { ctx, workspaceId } = bed();
    // Closed all day today (a holiday) with agents of its own; presales has no agents but borrows billing's.
    const today = new Date(ctx.clock.now()).toISOString().slice(0, 10);
    await saveTeam(
      ctx.db,
      workspaceId,
      { team: 'tech', name: '技术', hours: { timeZone: 'UTC', weekly: {}, holidays: [today] } },
      ctx.clock.now(),
    );
    const input = {
      name: '大促借调',
      team: 'presales',
      trigger: { kind: 'manual' as const },
      actions: { borrowFrom: ['billing'] },
    };
    await insertSurgePlan(ctx.db, 'surge_borrow', workspaceId, input, ctx.clock.now());
    expect(await setSurgeActive(ctx.db, workspaceId, 'surge_borrow', true, 'test', ctx.clock.now())).toBe(true);
    let presalesRead = 0;
    await comparePlans(bed(), (reachable) => {
      expect(reachable.waiting.filter((w) => w.team === 'tech' && !w.reservedFor)).toEqual([]);
      presalesRead += reachable.waiting.filter((w) => w.team === 'presales').length;
    });
    expect(presalesRead).toBeGreaterThan(0);
  });

  it('reads exactly the reach, whether it names the agents in the query or (beyond 100) sifts reservations after', async () => {
    const { ctx, workspaceId } = bed();
    const random = new SeededRandom(22);
    for (let i = 0; i < 80; i++)
      await addWaiting(bed(), i, {
        team: random.pick(['general', 'billing', 'tech']),
        enqueued_at: ctx.clock.now() - i * 1000,
        channel: random.pick(['web_widget', 'api']),
        reserved_for: random.chance(0.4) ? random.pick(['usr_a', 'usr_b', 'usr_c']) : null,
      });
    const line = await listWaiting(ctx.db, workspaceId);
    const few = { channels: ['web_widget'], teams: ['general', 'billing'], agentIds: ['usr_a', 'usr_b'] };
    // The same agents and 100 more with nothing reserved: reservations are then read whoever they name.
    const many = { ...few, agentIds: [...few.agentIds, ...Array.from({ length: 100 }, (_, i) => `usr_x${i}`)] };
    const ids = (list: Array<{ id: string }>) => list.map((w) => w.id);
    const expected = ids(withinReach(few, line));
    expect(ids(await listWaitingReachable(ctx.db, workspaceId, few))).toEqual(expected);
    expect(ids(await listWaitingReachable(ctx.db, workspaceId, many))).toEqual(expected);
    // Not vacuous: some reserved for the agents are in, some reserved for another (usr_c) in a reachable team out.
    expect(withinReach(few, line).some((w) => w.reservedFor)).toBe(true);
    expect(line.some((w) => w.reservedFor === 'usr_c' && w.channel === 'web_widget' && w.team !== 'tech')).toBe(true);
  });
});

/** Random line and loads; each round, the reachable read against the whole line (and `check` on the former). */
async function comparePlans(bed: RoutingBed, check?: (reachable: RoutingState) => void) {
  const { ctx, workspaceId } = bed;
  const random = new SeededRandom(21);
  const teams = ['general', 'billing', 'tech'];
  const agentIds: string[] = [];
  for (let i = 0; i < 6; i++)
    agentIds.push(
      await bed.addAgent(
        `坐席${i}`,
        {
          teams: [teams[i % 3] as string],
          skills: i % 2 === 0 ? { billing: 3 } : {},
          capacity: { web_widget: 2, api: i % 3 === 0 ? 1 : 0 },
        },
        i !== 5,
      ),
    );
  for (let i = 0; i < 60; i++)
    await addWaiting(bed, i, {
      team: random.pick([...teams, 'presales']),
      enqueued_at: ctx.clock.now() - random.int(0, 600_000),
      channel: random.pick(['web_widget', 'api', 'email']),
      language: null,
      skills: toJson(random.chance(0.3) ? { billing: 2 } : {}),
      level: 1,
      value_tier: random.pick(['vip', 'regular', 'new']),
      complexity: random.next(),
      sentiment: random.next() * 2 - 1,
      reserved_for: random.chance(0.15) ? random.pick(agentIds) : null,
    });
  let compared = 0;
  for (let round = 0; round < 12; round++) {
    // Random loads: some agents full, some with room on one channel or both; the last round everyone full.
    for (const id of agentIds)
      for (const [channel, capacity] of [
        ['web_widget', 2],
        ['api', 1],
      ] as const)
        await ctx.db
          .updateTable('routing_agent_load')
          .set({ load: round === 11 ? capacity : random.int(round < 6 ? 1 : 0, capacity) })
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', id)
          .where('channel', '=', channel)
          .execute();
    const all = await loadRoutingState(ctx, workspaceId);
    const reachable = await loadRoutingState(ctx, workspaceId, { waiting: 'reachable' });
    const ids = new Set(all.waiting.map((w) => w.id));
    expect(reachable.waiting.every((w) => ids.has(w.id))).toBe(true);
    const plan = (state: typeof all) => planForState(state).assignments;
    expect(plan(reachable)).toEqual(plan(all));
    compared += plan(all).length;
    if (round === 11) expect(reachable.waiting).toEqual([]);
    else expect(reachable.waiting.length).toBeLessThan(all.waiting.length);
    check?.(reachable);
  }
  // The rounds assign something to compare.
  expect(compared).toBeGreaterThan(10);
}

/** Puts conversation `conv_<i>` in line as written, straight into the table (no hand-off, no events). */
async function addWaiting(
  bed: RoutingBed,
  i: number,
  row: Omit<Insertable<QueueEntryTable>, 'conversation_id' | 'workspace_id' | 'priority' | 'reason'>,
) {
  await bed.ctx.db
    .insertInto('queue_entries')
    .values({
      conversation_id: `conv_${String(i).padStart(2, '0')}`,
      workspace_id: bed.workspaceId,
      priority: 20,
      reason: 'asks_for_human',
      ...row,
    })
    .execute();
}
