import { z } from 'zod';
import type { App, AppDeps } from '../../types.ts';

export async function healthRoutes(app: App, deps: AppDeps): Promise<void> {
  app.get(
    '/healthz',
    { config: { policy: 'public' }, schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { policy: 'public' },
      schema: {
        hide: true,
        response: { 200: z.object({ status: z.literal('ready') }), 503: z.object({ status: z.string() }) },
      },
    },
    async (_request, reply) => {
      const ready = deps.isReady ? await deps.isReady().catch(() => false) : true;
      if (!ready) return reply.status(503).send({ status: 'not_ready' });
      return { status: 'ready' as const };
    },
  );

  app.get('/metrics', { config: { policy: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    if (!deps.metrics) return reply.status(404).send({ error: { code: 'not_found', message: 'Metrics are off' } });
    const { contentType, body } = await deps.metrics();
    return reply.type(contentType).send(body);
  });
}
