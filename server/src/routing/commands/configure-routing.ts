import { recordAudit } from '../../security/audit.ts';
import { saveAgentProfile } from '../agent-store.ts';
import { assertWeights } from '../engine/priority.ts';
import type { BusinessHours } from '../engine/types.ts';
import type { RoutingDeps } from '../ports.ts';
import type { AgentProfileInput, RoutingSettings } from '../schema.ts';
import { loadSettings, saveSettings } from '../settings-store.ts';
import { saveTeam } from '../team-store.ts';
import { assignWaiting } from './assign-waiting.ts';

/**
 * Admin changes to routing: settings (weights checked: negative or zero-sum → 400 invalid_routing_weights), agent
 * profiles and teams. Each is audited with before/after where it matters, and runs the assigner, because raised
 * capacity, a new skill or a team opening may let waiting conversations through at once.
 */
export async function updateRoutingSettings(
  deps: RoutingDeps,
  options: { workspaceId: string; settings: RoutingSettings; actorId: string },
) {
  assertWeights(options.settings.weights);
  const before = await loadSettings(deps.ctx.db, options.workspaceId);
  const now = deps.ctx.clock.now();
  await saveSettings(deps.ctx.db, options.workspaceId, options.settings, now);
  await recordAudit(deps.ctx.db, {
    workspaceId: options.workspaceId,
    actor: { type: 'user', id: options.actorId },
    action: 'routing.settings_updated',
    details: { before, after: options.settings },
    at: now,
  });
  await assignWaiting(deps, options.workspaceId);
  return options.settings;
}

export async function updateAgentProfile(
  deps: RoutingDeps,
  options: { workspaceId: string; userId: string; profile: AgentProfileInput; actorId: string },
) {
  const now = deps.ctx.clock.now();
  await saveAgentProfile(deps.ctx.db, options.workspaceId, options.userId, options.profile, now);
  await recordAudit(deps.ctx.db, {
    workspaceId: options.workspaceId,
    actor: { type: 'user', id: options.actorId },
    action: 'routing.agent_profile_updated',
    target: { type: 'user', id: options.userId },
    details: { profile: options.profile },
    at: now,
  });
  return assignWaiting(deps, options.workspaceId);
}

export async function updateTeam(
  deps: RoutingDeps,
  options: { workspaceId: string; team: string; name: string; hours: BusinessHours | null; actorId: string },
) {
  const now = deps.ctx.clock.now();
  await saveTeam(
    deps.ctx.db,
    options.workspaceId,
    { team: options.team, name: options.name, hours: options.hours },
    now,
  );
  await recordAudit(deps.ctx.db, {
    workspaceId: options.workspaceId,
    actor: { type: 'user', id: options.actorId },
    action: 'routing.team_updated',
    target: { type: 'team', id: options.team },
    details: { name: options.name, hours: options.hours },
    at: now,
  });
  await assignWaiting(deps, options.workspaceId);
}
