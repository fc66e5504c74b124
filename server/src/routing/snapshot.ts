import type { ServiceContext } from '../platform/context.ts';
import { findUser } from '../security/store.ts';
import { type AgentProfile, listAgentProfiles, saveAgentProfile, toAgentState } from './agent-store.ts';
import { isOpen } from './engine/business-hours.ts';
import { type EligibilityContext, reachOf } from './engine/eligibility.ts';
import { planAssignments } from './engine/plan.ts';
import type { AgentState, PriorityParams } from './engine/types.ts';
import type { RoutingSettings } from './schema.ts';
import { loadSettings, priorityParams } from './settings-store.ts';
import { listPresence } from './store.ts';
import { listSurgePlans, type SurgePlanRecord } from './surge-store.ts';
import { listTeams, type TeamRecord } from './team-store.ts';
import { listWaiting, listWaitingReachable, type QueueEntryRecord } from './waiting-store.ts';

/** Everything the engine needs about one workspace, read at one moment. */
export interface RoutingState {
  settings: RoutingSettings;
  params: PriorityParams;
  agents: AgentState[];
  profiles: AgentProfile[];
  /** The whole line; with `waiting: 'reachable'`, only what an online agent with room could take (engine/eligibility.ts reachOf). */
  waiting: QueueEntryRecord[];
  /** True when `waiting` was read cut to the reach of the agents with room (`waiting: 'reachable'`). */
  waitingInReach: boolean;
  teams: TeamRecord[];
  activeSurges: SurgePlanRecord[];
  context: EligibilityContext;
  now: number;
}

const STAFF = new Set(['admin', 'supervisor', 'agent']);

/**
 * Reads the workspace's routing state. An agent who went online without a routing profile gets the workspace's
 * default one (team `general`, default capacity), so a fresh install routes without any set-up.
 */
export async function loadRoutingState(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  workspaceId: string,
  options: { waiting?: 'all' | 'reachable' } = {},
): Promise<RoutingState> {
  const now = ctx.clock.now();
  const reachableOnly = options.waiting === 'reachable';
  const [settings, presence, teams, surges, everyone] = await Promise.all([
    loadSettings(ctx.db, workspaceId),
    listPresence(ctx.db, workspaceId),
    listTeams(ctx.db, workspaceId),
    listSurgePlans(ctx.db, workspaceId),
    reachableOnly ? undefined : listWaiting(ctx.db, workspaceId),
  ]);
  let profiles = await listAgentProfiles(ctx.db, workspaceId);
  const known = new Set(profiles.map((p) => p.userId));
  let added = false;
  for (const row of presence) {
    if (row.status !== 'online' || known.has(row.user_id)) continue;
    const user = await findUser(ctx.db, workspaceId, row.user_id);
    if (!user || user.disabled === 1 || !STAFF.has(user.role)) continue;
    await saveAgentProfile(
      ctx.db,
      workspaceId,
      row.user_id,
      { skills: {}, languages: [], teams: ['general'], level: 1, capacity: settings.defaultCapacity },
      now,
    );
    added = true;
  }
  if (added) profiles = await listAgentProfiles(ctx.db, workspaceId);
  const online = new Set(presence.filter((p) => p.status === 'online').map((p) => p.user_id));
  const activeSurges = surges.filter((s) => s.active);
  const agents = profiles.map((p) => toAgentState(p, online.has(p.userId)));
  const context = eligibilityContext(teams, activeSurges, now);
  return {
    settings,
    params: priorityParams(settings),
    agents,
    profiles,
    // Only what the online agents with room can reach: the rest cannot be assigned in the assigner's pass (room only
    // shrinks while it plans), so the plan is the one the whole line gives (snapshot.test.ts compares them).
    waiting: everyone ?? (await listWaitingReachable(ctx.db, workspaceId, reachOf(agents, context))),
    waitingInReach: reachableOnly,
    teams,
    activeSurges,
    context,
    now,
  };
}

/** Open teams by their hours now; teams lent to others by active surge plans. */
export function eligibilityContext(
  teams: TeamRecord[],
  activeSurges: SurgePlanRecord[],
  now: number,
): EligibilityContext {
  const openTeams = new Map(teams.map((t) => [t.team, isOpen(t.hours, now)]));
  const borrowed = new Map<string, string[]>();
  for (const plan of activeSurges) {
    if (!plan.team || !plan.actions.borrowFrom?.length) continue;
    borrowed.set(plan.team, [...(borrowed.get(plan.team) ?? []), ...plan.actions.borrowFrom]);
  }
  return { openTeams, borrowed };
}

/** The assigner's plan for a loaded state: the one call the live pass, its test and bench:routing all make. */
export function planForState(state: RoutingState) {
  return planAssignments({
    agents: state.agents,
    waiting: state.waiting,
    params: state.params,
    waitingInReach: state.waitingInReach,
    strategy: state.settings.strategy,
    context: state.context,
    now: state.now,
  });
}
