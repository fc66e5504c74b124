import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { errorHandler } from './error-handler.ts';
import { checkRoutePolicy, createGuard, type RegisteredRoute } from './guard.ts';
import { analyticsRoutes } from './routes/analytics/routes.ts';
import { auditRoutes } from './routes/audit/routes.ts';
import { authRoutes } from './routes/auth/routes.ts';
import { botRoutes } from './routes/bot/routes.ts';
import { contactRoutes } from './routes/contacts/routes.ts';
import { conversationRoutes } from './routes/conversations/routes.ts';
import { demoApiRoutes } from './routes/demo-api/routes.ts';
import { healthRoutes } from './routes/health/routes.ts';
import { knowledgeRoutes } from './routes/knowledge/routes.ts';
import { knowledgeAcquisitionRoutes } from './routes/knowledge-acquisition/routes.ts';
import { presenceRoutes } from './routes/presence/routes.ts';
import { routingRoutes } from './routes/routing/routes.ts';
import { ticketRoutes } from './routes/tickets/routes.ts';
import { tokenRoutes } from './routes/tokens/routes.ts';
import { userRoutes } from './routes/users/routes.ts';
import { webhookRoutes } from './routes/webhooks/routes.ts';
import { widgetRoutes } from './routes/widget/routes.ts';
import { widgetSurveyRoutes } from './routes/widget/survey.ts';
import { workspaceRoutes } from './routes/workspace/routes.ts';
import { staticRoutes } from './static.ts';
import type { App, AppDeps } from './types.ts';
import { realtimeRoutes } from './ws/routes.ts';

const REGISTERED = new WeakMap<object, RegisteredRoute[]>();

/** Every route of a built app with the policy it names (for the coverage and access-matrix tests). */
export function listRoutes(app: App): RegisteredRoute[] {
  return REGISTERED.get(app) ?? [];
}

export interface BuiltApp {
  app: App;
  routes: RegisteredRoute[];
}

export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const app = Fastify({
    loggerInstance: deps.ctx.logger as FastifyBaseLogger,
    bodyLimit: deps.config.bodyLimitBytes,
    // Per-request log lines would cost more than the requests on the hot path; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  const routes: RegisteredRoute[] = [];
  REGISTERED.set(app, routes);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
  app.decorateRequest('principal', null as never);
  app.addHook('onRoute', (route) => checkRoutePolicy(route, routes));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  await app.register(cookie);
  // After the cookie parser and before the body is read: a caller who may not act is refused before we parse
  // (or buffer) what they sent, and a wrong role gets 403 whatever the body looks like.
  const guard = createGuard(deps);
  app.addHook('onRequest', guard.onRequest);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Lingxi API', description: '灵犀智能客服 API / Lingxi customer-service API', version: '1' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lx_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(async (scope) => {
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    await healthRoutes(typed, deps);
    await authRoutes(typed, deps);
    await userRoutes(typed, deps);
    await tokenRoutes(typed, deps);
    await auditRoutes(typed, deps);
    await workspaceRoutes(typed, deps);
    await conversationRoutes(typed, deps);
    await widgetRoutes(typed, deps);
    await presenceRoutes(typed, deps);
    await routingRoutes(typed, deps);
    await contactRoutes(typed, deps);
    await botRoutes(typed, deps);
    await ticketRoutes(typed, deps);
    await webhookRoutes(typed, deps);
    await widgetSurveyRoutes(typed, deps);
    if (deps.config.demo) await demoApiRoutes(typed, deps);
    await knowledgeRoutes(typed, deps);
    await knowledgeAcquisitionRoutes(typed, deps);
    await analyticsRoutes(typed, deps);
    await realtimeRoutes(typed, deps, guard.check);
    await staticRoutes(typed, deps);
  });
  await app.ready();
  return { app, routes };
}
