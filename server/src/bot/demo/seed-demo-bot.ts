import type { ServiceContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { randomToken } from '../../security/crypto.ts';
import { BotSettings, FlowDefinition } from '../schema.ts';
import { findBotConfig, saveBotConfig, saveFlow } from '../store.ts';
import { DEMO_FLOWS } from './demo-flows.ts';
import { DEMO_INTENT_EXAMPLES } from './demo-intents.ts';

/** Teams of the demo shop: complaints and legal threats to the care team, refunds to billing, the rest general. */
const DEMO_TEAM_RULES = [
  { intent: 'complaint', team: 'customer_care' },
  { intent: 'legal', team: 'customer_care' },
  { intent: 'refund_request', team: 'billing' },
  { intent: 'cancel_order', team: 'billing' },
];

/**
 * Turns the bot on in the demo workspace: intents trained from the demo phrases, the three task flows plus the
 * complaint intake, team rules, and a signing secret for the demo business API. Does nothing when the workspace
 * already has a bot (a restart keeps whatever was edited since).
 */
export async function seedDemoBot(ctx: ServiceContext, workspaceId: string): Promise<void> {
  if (await findBotConfig(ctx.db, workspaceId)) return;
  const now = ctx.clock.now();
  const settings = BotSettings.parse({ teamRules: DEMO_TEAM_RULES, actionSecret: randomToken(24) });
  for (const flow of DEMO_FLOWS) {
    await saveFlow(ctx.db, {
      id: newId('flw'),
      workspaceId,
      intent: flow.intent,
      definition: FlowDefinition.parse(flow),
      enabled: true,
      now,
    });
  }
  await saveBotConfig(ctx.db, { workspaceId, enabled: true, settings, intents: DEMO_INTENT_EXAMPLES, now });
}
