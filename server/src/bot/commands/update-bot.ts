import type { ServiceContext } from '../../platform/context.ts';
import { fromJson } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { forgetWorkspaceBot } from '../runtime.ts';
import { BotSettings, type FlowDefinition, IntentExamples } from '../schema.ts';
import { deleteFlow, findBotConfig, saveBotConfig, saveFlow } from '../store.ts';

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
  await saveBotConfig(ctx.db, {
    workspaceId: options.workspaceId,
    enabled: options.enabled ?? current?.enabled === 1,
    settings: settings.data,
    intents: intents.data,
    now: ctx.clock.now(),
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
  await saveFlow(ctx.db, {
    id: newId('flw'),
    workspaceId,
    intent: flow.intent,
    definition: flow,
    enabled,
    now: ctx.clock.now(),
  });
  forgetWorkspaceBot(ctx, workspaceId);
}

export async function removeBotFlow(ctx: ServiceContext, workspaceId: string, intent: string): Promise<void> {
  if (!(await deleteFlow(ctx.db, workspaceId, intent))) throw new AppError('not_found', 'Flow not found');
  forgetWorkspaceBot(ctx, workspaceId);
}
