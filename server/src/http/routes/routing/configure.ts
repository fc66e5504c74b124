import { z } from 'zod';
import { AppError, notFound } from '../../../platform/errors.ts';
import { listAgentProfiles } from '../../../routing/agent-store.ts';
import { updateAgentProfile, updateRoutingSettings, updateTeam } from '../../../routing/commands/configure-routing.ts';
import { saveSurgePlan, switchSurgePlan } from '../../../routing/commands/surge-plans.ts';
import type { BusinessHours } from '../../../routing/engine/types.ts';
import { loadSettings } from '../../../routing/settings-store.ts';
import { listSurgePlans, type SurgePlanRecord } from '../../../routing/surge-store.ts';
import { listTeams } from '../../../routing/team-store.ts';
import { listUsers } from '../../../security/store.ts';
import { signedIn } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { routingDeps } from './deps.ts';
import {
  AgentProfileInput,
  AgentProfileView,
  PlanParams,
  RoutingSettings,
  SurgePlanInput,
  SurgePlanView,
  SurgeSwitchBody,
  TeamInput,
  TeamParams,
  TeamView,
  UserParams,
} from './schema.ts';

const STAFF = new Set(['admin', 'supervisor', 'agent']);

function presentPlan(plan: SurgePlanRecord): z.infer<typeof SurgePlanView> {
  return {
    id: plan.id,
    name: plan.name,
    team: plan.team,
    trigger: plan.trigger,
    actions: plan.actions,
    active: plan.active,
    activatedAt: plan.activatedAt,
    activatedBy: plan.activatedBy,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

/** Settings and weights (admins), agent profiles and surge plans (supervisors and admins), teams and hours (admins). */
export async function configureRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const routing = routingDeps(deps);
  const tags = ['routing'];
  const actor = (request: Parameters<typeof signedIn>[0]) => {
    const principal = signedIn(request);
    if (principal.kind !== 'user') throw new AppError('forbidden', 'Only console users configure routing');
    return principal;
  };

  app.get(
    '/api/v1/routing/settings',
    {
      config: { policy: 'routing.configure' },
      schema: { tags, response: { 200: RoutingSettings, ...errorResponses } },
    },
    async (request) => loadSettings(ctx.db, signedIn(request).workspaceId),
  );

  app.put(
    '/api/v1/routing/settings',
    {
      config: { policy: 'routing.configure' },
      schema: { tags, body: RoutingSettings, response: { 200: RoutingSettings, ...errorResponses } },
    },
    async (request) => {
      const principal = actor(request);
      return updateRoutingSettings(routing, {
        workspaceId: principal.workspaceId,
        settings: request.body,
        actorId: principal.userId,
      });
    },
  );

  app.get(
    '/api/v1/routing/agents',
    {
      config: { policy: 'routing.manage' },
      schema: { tags, response: { 200: z.object({ agents: z.array(AgentProfileView) }), ...errorResponses } },
    },
    async (request) => {
      const { workspaceId } = signedIn(request);
      const [profiles, users] = await Promise.all([
        listAgentProfiles(ctx.db, workspaceId),
        listUsers(ctx.db, workspaceId),
      ]);
      return {
        agents: profiles.flatMap((p) => {
          const user = users.find((u) => u.id === p.userId);
          if (!user) return [];
          const { lastAssignedAt: _, ...profile } = p;
          return [{ ...profile, name: user.name, role: user.role }];
        }),
      };
    },
  );

  app.put(
    '/api/v1/routing/agents/:userId',
    {
      config: { policy: 'routing.manage' },
      schema: {
        tags,
        params: UserParams,
        body: AgentProfileInput,
        response: { 200: z.object({ assigned: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = actor(request);
      const users = await listUsers(ctx.db, principal.workspaceId);
      const user = users.find((u) => u.id === request.params.userId);
      if (!user || !STAFF.has(user.role)) throw notFound('Agent');
      const assigned = await updateAgentProfile(routing, {
        workspaceId: principal.workspaceId,
        userId: user.id,
        profile: request.body,
        actorId: principal.userId,
      });
      return { assigned: assigned.length };
    },
  );

  app.get(
    '/api/v1/routing/teams',
    {
      config: { policy: 'routing.queue.read' },
      schema: { tags, response: { 200: z.object({ teams: z.array(TeamView) }), ...errorResponses } },
    },
    async (request) => {
      const teams = await listTeams(ctx.db, signedIn(request).workspaceId);
      return {
        teams: teams.map((t) => ({ team: t.team, name: t.name, hours: t.hours as z.infer<typeof TeamView>['hours'] })),
      };
    },
  );

  app.put(
    '/api/v1/routing/teams/:team',
    {
      config: { policy: 'routing.configure' },
      schema: { tags, params: TeamParams, body: TeamInput, response: { 200: TeamView, ...errorResponses } },
    },
    async (request) => {
      const principal = actor(request);
      await updateTeam(routing, {
        workspaceId: principal.workspaceId,
        team: request.params.team,
        name: request.body.name,
        hours: request.body.hours as BusinessHours | null,
        actorId: principal.userId,
      });
      return { team: request.params.team, ...request.body };
    },
  );

  app.get(
    '/api/v1/routing/surge-plans',
    {
      config: { policy: 'routing.manage' },
      schema: { tags, response: { 200: z.object({ plans: z.array(SurgePlanView) }), ...errorResponses } },
    },
    async (request) => ({ plans: (await listSurgePlans(ctx.db, signedIn(request).workspaceId)).map(presentPlan) }),
  );

  app.post(
    '/api/v1/routing/surge-plans',
    {
      config: { policy: 'routing.manage' },
      schema: { tags, body: SurgePlanInput, response: { 201: SurgePlanView, ...errorResponses } },
    },
    async (request, reply) => {
      const principal = actor(request);
      const plan = await saveSurgePlan(routing, {
        workspaceId: principal.workspaceId,
        input: request.body,
        actorId: principal.userId,
      });
      return reply.status(201).send(presentPlan(plan));
    },
  );

  app.put(
    '/api/v1/routing/surge-plans/:planId',
    {
      config: { policy: 'routing.manage' },
      schema: { tags, params: PlanParams, body: SurgePlanInput, response: { 200: SurgePlanView, ...errorResponses } },
    },
    async (request) => {
      const principal = actor(request);
      const plan = await saveSurgePlan(routing, {
        workspaceId: principal.workspaceId,
        id: request.params.planId,
        input: request.body,
        actorId: principal.userId,
      });
      return presentPlan(plan);
    },
  );

  for (const [action, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    app.post(
      `/api/v1/routing/surge-plans/:planId/${action}`,
      {
        config: { policy: 'routing.supervise' },
        schema: {
          tags,
          params: PlanParams,
          body: SurgeSwitchBody.optional(),
          response: { 200: SurgePlanView, ...errorResponses },
        },
      },
      async (request) => {
        const principal = actor(request);
        const { plan } = await switchSurgePlan(routing, {
          workspaceId: principal.workspaceId,
          planId: request.params.planId,
          active,
          by: `user:${principal.userId}`,
          reason: request.body?.reason,
        });
        return presentPlan(plan);
      },
    );
  }
}
