import { startWebhooks } from '../integrations/webhooks.ts';
import { loadAcquisitionSettings } from '../knowledge/acquisition/settings.ts';
import type { ServiceContext } from '../platform/context.ts';
import type { Infrastructure } from '../platform/infrastructure.ts';
import { startBotEffects } from './bot-effects.ts';
import { registerKnowledgeAcquisitionWorkers } from './knowledge-acquisition.ts';
import { startKnowledgeGaps } from './knowledge-gaps.ts';
import { startRoutingEffects } from './routing-effects.ts';

/**
 * Subscriptions and job handlers that compose modules, started once per process by the server. Job handlers are
 * registered everywhere (only processes with the worker role run them); bus subscribers run where events arrive.
 */
export function startWorkers(
  ctx: ServiceContext,
  infrastructure: Pick<Infrastructure, 'bus' | 'jobs' | 'scheduler' | 'cache' | 'lock'>,
): () => void {
  registerKnowledgeAcquisitionWorkers(ctx, infrastructure, { settings: loadAcquisitionSettings() });
  const stops = [
    startBotEffects(ctx, infrastructure.bus),
    startWebhooks(ctx, infrastructure.bus, infrastructure.jobs),
    startRoutingEffects(ctx, infrastructure),
    startKnowledgeGaps(ctx, infrastructure),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
