import { z } from 'zod';
import { listAudit } from '../../../security/audit.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';

const AuditQuery = z.strictObject({
  action: z.string().max(100).optional(),
  actorId: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const AuditView = z.object({
  id: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.string(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.number(),
});

/** Read-only by design: the product offers no way to change or delete audit entries. */
export async function auditRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      config: { policy: 'audit.read' },
      schema: {
        tags: ['audit'],
        querystring: AuditQuery,
        response: { 200: z.object({ entries: z.array(AuditView) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listAudit(deps.ctx.db, workspaceOf(request), request.query);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          actorType: r.actor_type,
          actorId: r.actor_id,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          outcome: r.outcome,
          ip: r.ip,
          details: r.details,
          at: r.at,
        })),
      };
    },
  );
}
