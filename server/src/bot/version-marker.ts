import { appendReportingEvent } from '../platform/reporting.ts';
import { configVersion, type Executor } from './store.ts';

export interface BotChange {
  workspaceId: string;
  /** What changed: the settings and example phrases (the intent model is trained from them), or one flow. */
  what: 'settings' | 'flow_saved' | 'flow_removed';
  /** The flow's intent, for flow changes. */
  intent?: string;
  at: number;
}

/**
 * Marks a change of the bot's behaviour (`bot.version_changed`, kind `model`) inside the transaction that saves it:
 * analytics compares the week before and after every such change in the bot post-mortem. The version is the
 * configuration's own staleness label (store.configVersion), read after the save.
 */
export async function markBotChange(trx: Executor, change: BotChange): Promise<void> {
  const version = await configVersion(trx, change.workspaceId);
  await appendReportingEvent(trx, {
    workspaceId: change.workspaceId,
    type: 'bot.version_changed',
    conversationId: null,
    actor: { type: 'system', id: null },
    data: {
      kind: 'model',
      version,
      note: change.intent ? `${change.what}: ${change.intent}` : change.what,
      what: change.what,
    },
    at: change.at,
  });
}
