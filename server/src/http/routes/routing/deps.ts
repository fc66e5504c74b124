import { conversationPort } from '../../../conversations/routing-port.ts';
import { LocalLock } from '../../../platform/lock/local-lock.ts';
import type { RoutingDeps } from '../../../routing/ports.ts';
import type { AppDeps } from '../../types.ts';

const CACHE = new WeakMap<object, RoutingDeps>();

/** Routing's dependencies for the edge: the shared lock when the infrastructure is there, else one per app. */
export function routingDeps(deps: AppDeps): RoutingDeps {
  let routing = CACHE.get(deps.ctx);
  if (!routing) {
    routing = {
      ctx: deps.ctx,
      lock: deps.infrastructure?.lock ?? new LocalLock({ clock: deps.ctx.clock }),
      conversations: conversationPort(deps.ctx),
    };
    CACHE.set(deps.ctx, routing);
  }
  return routing;
}
