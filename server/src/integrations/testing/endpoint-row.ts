import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import type { WebhookEndpointTable } from '../store.ts';

/** An enabled endpoint row subscribed to `message.created`, pointing at a port nothing listens on. */
export function endpointRow(workspaceId: string, clock: Clock): WebhookEndpointTable {
  return {
    id: newId('whk'),
    workspace_id: workspaceId,
    url: 'http://127.0.0.1:9/hook',
    secret: 'secret',
    events: JSON.stringify(['message.created']),
    enabled: 1,
    created_at: clock.now(),
  };
}
