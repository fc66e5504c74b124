import type { ServiceContext } from '../platform/context.ts';
import { listReportingEvents } from '../platform/reporting.ts';
import { listAssignments } from './assignment-store.ts';
import { rankWaiting } from './engine/plan.ts';
import { loadRoutingState } from './snapshot.ts';
import { listPresence } from './store.ts';

const DAY_MS = 24 * 3_600_000;

/**
 * The supervisor's live picture of a workspace: each team's line with waiting times and priorities, every agent
 * with status and load, the service level (share answered within the target over the last 24 hours, counting those
 * still waiting past the target as misses), and the active surge plans.
 */
export async function routingBoard(ctx: Pick<ServiceContext, 'db' | 'clock'>, workspaceId: string) {
  const state = await loadRoutingState(ctx, workspaceId);
  const now = state.now;
  const [presence, holdings, answered] = await Promise.all([
    listPresence(ctx.db, workspaceId),
    listAssignments(ctx.db, workspaceId),
    listReportingEvents(ctx.db, workspaceId, { type: 'routing.assigned', from: now - DAY_MS, limit: 10_000 }),
  ]);
  const status = new Map(presence.map((p) => [p.user_id, p.status]));
  const targetMs = state.settings.serviceLevelSeconds * 1000;
  const ranked = rankWaiting(state.waiting, state.params, now);
  const teams = new Set([
    ...state.teams.map((t) => t.team),
    ...ranked.map((w) => w.team),
    ...state.profiles.flatMap((p) => p.teams),
  ]);
  const withinTarget = answered.filter((e) => Number(e.data.waitedMs ?? 0) <= targetMs).length;
  const overdue = ranked.filter((w) => now - w.enqueuedAt > targetMs).length;
  const total = answered.length + overdue;
  return {
    now,
    serviceLevel: {
      targetSeconds: state.settings.serviceLevelSeconds,
      answered: answered.length,
      withinTarget,
      waitingPastTarget: overdue,
      ratio: total === 0 ? 1 : withinTarget / total,
    },
    teams: [...teams].sort().map((team) => {
      const line = ranked.filter((w) => w.team === team);
      return {
        team,
        name: state.teams.find((t) => t.team === team)?.name ?? team,
        open: state.context.openTeams.get(team) ?? true,
        waiting: line.map((w, i) => ({
          conversationId: w.id,
          position: i + 1,
          waitedSeconds: Math.round((now - w.enqueuedAt) / 1000),
          priority: Math.round(w.priority * 1000) / 1000,
          valueTier: w.valueTier,
          sentiment: w.sentiment,
          level: w.level,
          skills: w.skills,
          language: w.language,
          channel: w.channel,
          reservedFor: w.reservedFor ?? null,
        })),
        longestWaitSeconds: line.length ? Math.round((now - Math.min(...line.map((w) => w.enqueuedAt))) / 1000) : 0,
      };
    }),
    agents: state.profiles.map((p) => ({
      userId: p.userId,
      status: status.get(p.userId) ?? 'offline',
      teams: p.teams,
      skills: p.skills,
      languages: p.languages,
      level: p.level,
      capacity: p.capacity,
      load: { web_widget: p.load.web_widget ?? 0, api: p.load.api ?? 0 },
      conversations: holdings.filter((h) => h.user_id === p.userId).map((h) => h.conversation_id),
    })),
    surges: state.activeSurges.map((s) => ({
      id: s.id,
      name: s.name,
      team: s.team,
      activatedAt: s.activatedAt,
      activatedBy: s.activatedBy,
    })),
  };
}
