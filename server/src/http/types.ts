import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { ServiceContext } from '../platform/context.ts';
import type { Infrastructure } from '../platform/infrastructure.ts';
import type { Principal } from '../security/principal.ts';
import type { PolicyName } from './policies.ts';

/** The Fastify instance as routes see it: zod schemas typed end to end. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What the edge needs to serve requests. Extra services (realtime hub, job queue…) join as modules grow. */
export interface AppDeps {
  ctx: ServiceContext;
  config: Config;
  /** Answers readiness: false while migrations run or a dependency is down. */
  isReady?: () => Promise<boolean>;
  /** Text exposition of Prometheus metrics. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** The infrastructure ports (bus, jobs, cache, locks, rate limits). */
  infrastructure?: Infrastructure;
  /** Folder with the built web console and widget (web/dist); absent in API-only tests. */
  webDist?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route names the policy that guards it; see http/policies.ts. */
    policy?: PolicyName;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Static assets (console, widget, demo page) carry no policy: they hold no data. */
    static?: boolean;
  }
}
