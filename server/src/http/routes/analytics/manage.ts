import { z } from 'zod';
import { createAlertRule, deleteAlertRule, listAlertRules, updateAlertRule } from '../../../analytics/alert-rules.ts';
import { MetricParameters } from '../../../analytics/definitions.ts';
import { getDefinitions, saveDefinitions } from '../../../analytics/definitions-store.ts';
import { listAlerts } from '../../../analytics/evaluate-alerts.ts';
import { listNotifications, markNotificationsRead } from '../../../analytics/notifications.ts';
import { rebuildFacts } from '../../../analytics/rebuild.ts';
import { ANALYTICS_REBUILD } from '../../../analytics/schedules.ts';
import { saveWeights } from '../../../analytics/scorecard.ts';
import { listTargets, removeTarget, setTarget, suggestTarget } from '../../../analytics/targets.ts';
import { notFound } from '../../../platform/errors.ts';
import { recordAudit } from '../../../security/audit.ts';
import { actorOf } from '../../../security/principal.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import {
  AlertView,
  NotificationView,
  RuleBody,
  RuleParams,
  RuleView,
  ScenarioParams,
  SuggestBody,
  SuggestView,
  TargetBody,
  TargetParams,
  TargetView,
  WeightsBody,
} from './schema.ts';

/** What supervisors and admins set: definitions, targets, scorecard weights, alert rules; and what alerts said. */
export async function manageRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['analytics'];
  const noContent = { 204: z.null(), ...errorResponses };
  const audit = (request: Parameters<typeof workspaceOf>[0], action: string, details: Record<string, unknown>) =>
    recordAudit(ctx.db, {
      workspaceId: workspaceOf(request),
      actor: actorOf(request.principal),
      action,
      details,
      at: ctx.clock.now(),
    });

  app.put(
    '/api/v1/analytics/definitions',
    {
      config: { policy: 'analytics.manage' },
      schema: { tags, body: MetricParameters, response: { 202: z.object({ version: z.number() }), ...errorResponses } },
    },
    async (request, reply) => {
      const workspaceId = workspaceOf(request);
      const saved = await saveDefinitions(ctx.db, workspaceId, request.body, ctx.clock.now());
      await audit(request, 'analytics.definitions_changed', { version: saved.version });
      // Recompute the facts: on the job queue when there is one, else here (embedded tests, small installs).
      const jobs = deps.infrastructure?.jobs;
      if (jobs)
        await jobs.enqueue(
          ANALYTICS_REBUILD,
          { workspaceId },
          { jobKey: `${ANALYTICS_REBUILD}:${workspaceId}:${saved.version}` },
        );
      else await rebuildFacts(ctx, workspaceId);
      return reply.status(202).send({ version: saved.version });
    },
  );

  app.get(
    '/api/v1/analytics/targets',
    {
      config: { policy: 'analytics.read' },
      schema: { tags, response: { 200: z.object({ targets: z.array(TargetView) }), ...errorResponses } },
    },
    async (request) => ({ targets: await listTargets(ctx.db, workspaceOf(request)) }),
  );

  app.put(
    '/api/v1/analytics/targets',
    { config: { policy: 'analytics.manage' }, schema: { tags, body: TargetBody, response: noContent } },
    async (request, reply) => {
      await setTarget(ctx.db, workspaceOf(request), request.body, ctx.clock.now());
      await audit(request, 'analytics.target_set', { ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/analytics/targets/:metric/:scenario',
    { config: { policy: 'analytics.manage' }, schema: { tags, params: TargetParams, response: noContent } },
    async (request, reply) => {
      const { metric, scenario } = request.params;
      if (!(await removeTarget(ctx.db, workspaceOf(request), metric, scenario))) throw notFound('Target');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/analytics/targets/suggest',
    {
      config: { policy: 'analytics.manage' },
      schema: { tags, body: SuggestBody, response: { 200: SuggestView, ...errorResponses } },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const defs = await getDefinitions(ctx.db, workspaceId);
      return suggestTarget(ctx.db, defs, { workspaceId, now: ctx.clock.now(), ...request.body });
    },
  );

  app.put(
    '/api/v1/analytics/scorecards/:scenario',
    {
      config: { policy: 'analytics.manage' },
      schema: { tags, params: ScenarioParams, body: WeightsBody, response: noContent },
    },
    async (request, reply) => {
      await saveWeights(ctx.db, workspaceOf(request), request.params.scenario, request.body.weights, ctx.clock.now());
      await audit(request, 'analytics.weights_set', { scenario: request.params.scenario });
      return reply.status(204).send(null);
    },
  );

  const view = (r: Awaited<ReturnType<typeof listAlertRules>>[number]) => ({
    id: r.id,
    rule: r.rule as unknown as Record<string, unknown>,
    enabled: r.enabled,
    breachSince: r.breachSince,
    lastFiredAt: r.lastFiredAt,
  });

  app.get(
    '/api/v1/analytics/alert-rules',
    {
      config: { policy: 'analytics.supervise' },
      schema: { tags, response: { 200: z.object({ rules: z.array(RuleView) }), ...errorResponses } },
    },
    async (request) => ({ rules: (await listAlertRules(ctx.db, workspaceOf(request))).map(view) }),
  );

  app.post(
    '/api/v1/analytics/alert-rules',
    {
      config: { policy: 'analytics.manage' },
      schema: { tags, body: RuleBody, response: { 201: z.object({ id: z.string() }), ...errorResponses } },
    },
    async (request, reply) => {
      const id = await createAlertRule(ctx.db, workspaceOf(request), request.body.rule, ctx.clock.now());
      await audit(request, 'analytics.alert_rule_created', { id });
      return reply.status(201).send({ id });
    },
  );

  app.put(
    '/api/v1/analytics/alert-rules/:ruleId',
    {
      config: { policy: 'analytics.manage' },
      schema: { tags, params: RuleParams, body: RuleBody, response: noContent },
    },
    async (request, reply) => {
      const { rule, enabled } = request.body;
      await updateAlertRule(ctx.db, workspaceOf(request), request.params.ruleId, rule, enabled, ctx.clock.now());
      await audit(request, 'analytics.alert_rule_updated', { id: request.params.ruleId });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/analytics/alert-rules/:ruleId',
    { config: { policy: 'analytics.manage' }, schema: { tags, params: RuleParams, response: noContent } },
    async (request, reply) => {
      await deleteAlertRule(ctx.db, workspaceOf(request), request.params.ruleId);
      await audit(request, 'analytics.alert_rule_deleted', { id: request.params.ruleId });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/analytics/alerts',
    {
      config: { policy: 'analytics.supervise' },
      schema: { tags, response: { 200: z.object({ alerts: z.array(AlertView) }), ...errorResponses } },
    },
    async (request) => ({ alerts: await listAlerts(ctx.db, workspaceOf(request)) }),
  );

  app.get(
    '/api/v1/analytics/notifications',
    {
      config: { policy: 'analytics.supervise' },
      schema: { tags, response: { 200: z.object({ notifications: z.array(NotificationView) }), ...errorResponses } },
    },
    async (request) => ({ notifications: await listNotifications(ctx.db, workspaceOf(request)) }),
  );

  app.post(
    '/api/v1/analytics/notifications/read',
    { config: { policy: 'analytics.supervise' }, schema: { tags, response: noContent } },
    async (request, reply) => {
      await markNotificationsRead(ctx.db, workspaceOf(request), ctx.clock.now());
      return reply.status(204).send(null);
    },
  );
}
