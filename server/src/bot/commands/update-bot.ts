import type { ServiceContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { forgetWorkspaceBot } from '../runtime.ts';
import { BotSettings, type FlowDefinition, IntentExamples } from '../schema.ts';
import { deleteFlow, findBotConfig, saveBotConfig, saveFlow } from '../store.ts';
import { markBotChange } from '../version-marker.ts';

/** Changes the workspace's bot (on/off, settings, example phrases); omitted parts stay as they are. */
export async function updateBotConfig(
  ctx: ServiceContext,
  options: { workspaceId: string; enabled?: boolean; settings?: unknown; intents?: unknown },
): Promise<void> {
  const current = await findBotConfig(ctx.db, options.workspaceId);
  const settings = BotSettings.safeParse(options.settings ?? fromJson(current?.settings, {}));
  if (!settings.success)
    throw new AppError('validation_failed', 'Invalid bot settings', { details: settings.error.issues });
  const intents = IntentExamples.safeParse(options.intents ?? fromJson(current?.intents, []));
  if (!intents.success)
    throw new AppError('validation_failed', 'Invalid intent examples', { details: intents.error.issues });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await saveBotConfig(trx, {
      workspaceId: options.workspaceId,
      enabled: options.enabled ?? current?.enabled === 1,
      settings: settings.data,
      intents: intents.data,
      now,
    });
    await markBotChange(trx, { workspaceId: options.workspaceId, what: 'settings', at: now });
  });
  forgetWorkspaceBot(ctx, options.workspaceId);
}

/** Saves (creates or replaces) the flow of an intent. */
export async function saveBotFlow(
  ctx: ServiceContext,
  workspaceId: string,
  flow: FlowDefinition,
  enabled = true,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await saveFlow(trx, { id: newId('flw'), workspaceId, intent: flow.intent, definition: flow, enabled, now });
    await markBotChange(trx, { workspaceId, what: 'flow_saved', intent: flow.intent, at: now });
  });
  forgetWorkspaceBot(ctx, workspaceId);
}

export async function removeBotFlow(ctx: ServiceContext, workspaceId: string, intent: string): Promise<void> {
  const removed = await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteFlow(trx, workspaceId, intent))) return false;
    await markBotChange(trx, { workspaceId, what: 'flow_removed', intent, at: ctx.clock.now() });
    return true;
  });
  if (!removed) throw new AppError('not_found', 'Flow not found');
  forgetWorkspaceBot(ctx, workspaceId);
}
