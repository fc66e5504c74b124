import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../security/audit.ts';
import { ROUTING_TOPICS, type SurgeChangedPayload } from '../events.ts';
import type { RoutingDeps } from '../ports.ts';
import { publishRouting } from '../publish.ts';
import type { SurgePlanInput } from '../schema.ts';
import {
  findSurgePlan,
  insertSurgePlan,
  listSurgePlans,
  type SurgePlanRecord,
  setSurgeActive,
  updateSurgePlan,
} from '../surge-store.ts';
import { listWaiting } from '../waiting-store.ts';
import { assignWaiting } from './assign-waiting.ts';

/** Surge plans (应急预案): saved ahead, switched on by their trigger or by hand, audited and announced each time. */
export async function saveSurgePlan(
  deps: RoutingDeps,
  options: { workspaceId: string; id?: string; input: SurgePlanInput; actorId: string },
): Promise<SurgePlanRecord> {
  const { ctx } = deps;
  const now = ctx.clock.now();
  const { input } = options;
  if ((input.trigger.kind === 'queue_length' || input.trigger.kind === 'longest_wait') && !input.trigger.threshold) {
    throw new AppError('validation_failed', 'This trigger needs a threshold', {
      details: [{ path: ['trigger', 'threshold'], message: 'required' }],
    });
  }
  if (input.actions.overflowTo && input.actions.overflowTo === input.team) {
    throw new AppError('validation_failed', 'A plan cannot overflow a team to itself', {
      details: [{ path: ['actions', 'overflowTo'], message: 'same team' }],
    });
  }
  const id = options.id ?? newId('srg');
  if (options.id) {
    if (!(await updateSurgePlan(ctx.db, options.workspaceId, options.id, input, now))) throw notFound('Surge plan');
  } else await insertSurgePlan(ctx.db, id, options.workspaceId, input, now);
  await recordAudit(ctx.db, {
    workspaceId: options.workspaceId,
    actor: { type: 'user', id: options.actorId },
    action: options.id ? 'routing.surge_plan_updated' : 'routing.surge_plan_created',
    target: { type: 'surge_plan', id },
    details: { plan: input },
    at: now,
  });
  return (await findSurgePlan(ctx.db, options.workspaceId, id)) as SurgePlanRecord;
}

/**
 * Switches a plan on or off. The switch is a compare-and-set, so a trigger firing in two processes (or a supervisor
 * and a trigger at once) audits and announces it once. `by` says who: `user:usr_…` or `trigger:queue_length`.
 */
export async function switchSurgePlan(
  deps: RoutingDeps,
  options: { workspaceId: string; planId: string; active: boolean; by: string; reason?: string },
): Promise<{ plan: SurgePlanRecord; changed: boolean }> {
  const { ctx } = deps;
  const plan = await findSurgePlan(ctx.db, options.workspaceId, options.planId);
  if (!plan) throw notFound('Surge plan');
  const now = ctx.clock.now();
  const changed = await setSurgeActive(ctx.db, options.workspaceId, options.planId, options.active, options.by, now);
  const current = (await findSurgePlan(ctx.db, options.workspaceId, options.planId)) as SurgePlanRecord;
  if (!changed) return { plan: current, changed };
  const [actorType, actorId] = options.by.split(':', 2) as [string, string];
  await recordAudit(ctx.db, {
    workspaceId: options.workspaceId,
    actor: { type: actorType === 'user' ? 'user' : 'system', id: actorType === 'user' ? actorId : options.by },
    action: options.active ? 'routing.surge_activated' : 'routing.surge_deactivated',
    target: { type: 'surge_plan', id: plan.id },
    details: {
      name: plan.name,
      team: plan.team,
      trigger: plan.trigger,
      actions: plan.actions,
      reason: options.reason ?? null,
    },
    at: now,
  });
  const payload: SurgeChangedPayload = {
    planId: plan.id,
    name: plan.name,
    team: plan.team,
    active: options.active,
    by: options.by,
    botFirst: plan.actions.botFirst ?? null,
    waitMessage: plan.actions.waitMessage ?? null,
  };
  await publishRouting(ctx, ROUTING_TOPICS.surgeChanged, options.workspaceId, payload);
  // Borrowed agents or an overflow team may take waiting conversations now.
  await assignWaiting(deps, options.workspaceId);
  return { plan: current, changed };
}

/**
 * Checks the automatic triggers (queue length, longest wait) against the line now: a plan whose trigger holds is
 * switched on; one switched on by its trigger is switched off once the line falls to half the threshold (hysteresis:
 * a line hovering at the threshold must not flap the widget). Manual and major-incident plans are left to people.
 */
export async function evaluateSurgeTriggers(deps: RoutingDeps, workspaceId: string): Promise<string[]> {
  const { ctx } = deps;
  const plans = await listSurgePlans(ctx.db, workspaceId);
  const automatic = plans.filter((p) => p.trigger.kind === 'queue_length' || p.trigger.kind === 'longest_wait');
  if (automatic.length === 0) return [];
  const waiting = await listWaiting(ctx.db, workspaceId);
  const now = ctx.clock.now();
  const switched: string[] = [];
  for (const plan of automatic) {
    const line = plan.team ? waiting.filter((w) => w.team === plan.team) : waiting;
    const threshold = plan.trigger.threshold ?? Number.POSITIVE_INFINITY;
    const measure =
      plan.trigger.kind === 'queue_length' ? line.length : Math.max(0, ...line.map((w) => (now - w.enqueuedAt) / 1000));
    const by = `trigger:${plan.trigger.kind}`;
    if (!plan.active && measure >= threshold) {
      const { changed } = await switchSurgePlan(deps, {
        workspaceId,
        planId: plan.id,
        active: true,
        by,
        reason: `${plan.trigger.kind} ${Math.round(measure)} ≥ ${threshold}`,
      });
      if (changed) switched.push(plan.id);
    } else if (plan.active && plan.activatedBy === by && measure <= threshold / 2) {
      const { changed } = await switchSurgePlan(deps, {
        workspaceId,
        planId: plan.id,
        active: false,
        by,
        reason: `${plan.trigger.kind} ${Math.round(measure)} ≤ ${threshold / 2}`,
      });
      if (changed) switched.push(plan.id);
    }
  }
  return switched;
}

/** What the widget and the bot need to know now: bot-first announcement, wait message, queue cap. */
export async function surgeStatus(deps: Pick<RoutingDeps, 'ctx'>, workspaceId: string, team?: string | null) {
  const plans = (await listSurgePlans(deps.ctx.db, workspaceId)).filter(
    (p) => p.active && (!team || p.team === null || p.team === team),
  );
  return {
    active: plans.map((p) => ({ id: p.id, name: p.name, team: p.team })),
    botFirst: plans.find((p) => p.actions.botFirst)?.actions.botFirst?.announcement ?? null,
    waitMessage: plans.find((p) => p.actions.waitMessage)?.actions.waitMessage ?? null,
    queueCap: plans.find((p) => p.actions.queueCap)?.actions.queueCap ?? null,
  };
}
