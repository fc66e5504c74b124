import type { ServiceContext } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';

/** Publishes after the commit without failing the caller: the change is stored; consoles re-read on reconnect. */
export async function publishRouting(
  ctx: Pick<ServiceContext, 'bus' | 'clock' | 'logger'>,
  topic: string,
  workspaceId: string,
  payload: unknown,
): Promise<void> {
  try {
    await ctx.bus.publish(topic, { type: topic, workspaceId, id: newId('evt'), at: ctx.clock.now(), payload });
  } catch (error) {
    ctx.logger.error({ err: error, topic }, 'could not publish routing event');
  }
}
