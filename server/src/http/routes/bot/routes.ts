import { z } from 'zod';
import { removeBotFlow, saveBotFlow, updateBotConfig } from '../../../bot/commands/update-bot.ts';
import { findHandoffBrief } from '../../../bot/index.ts';
import { BotSettings, FlowDefinition } from '../../../bot/schema.ts';
import { findBotConfig, listFlows } from '../../../bot/store.ts';
import { listMessages } from '../../../conversations/message-store.ts';
import { findConversation } from '../../../conversations/store.ts';
import { fromJson } from '../../../platform/db/dialect.ts';
import { notFound } from '../../../platform/errors.ts';
import { workspaceOf } from '../../principal.ts';
import { errorResponses } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { ConversationParams } from '../conversations/schema.ts';

const Brief = z.object({
  reason: z.string().nullable(),
  team: z.string().nullable(),
  handedOffAt: z.number().nullable(),
  intent: z.string().nullable(),
  entities: z.record(z.string(), z.string()),
  sentiment: z.object({ scores: z.array(z.number()), trend: z.number(), anger: z.number() }),
  tried: z.array(z.object({ kind: z.string(), reason: z.string(), detail: z.string().optional(), at: z.number() })),
  customerWords: z.array(z.string()),
  turnCount: z.number(),
});

const Decision = z.object({
  messageId: z.string(),
  seq: z.number(),
  decision: z.string(),
  reason: z.string(),
  evidence: z.unknown(),
});

const BotConfigView = z.object({
  enabled: z.boolean(),
  settings: z.unknown(),
  intentExamples: z.number(),
  flows: z.array(z.unknown()),
});
const BotConfigBody = z.strictObject({
  enabled: z.boolean().optional(),
  settings: BotSettings.optional(),
  intents: z
    .array(z.strictObject({ intent: z.string().min(1).max(100), text: z.string().min(1).max(500) }))
    .max(20_000)
    .optional(),
});
const FlowParams = z.strictObject({ intent: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/) });

/** The bot as staff see it: the hand-off brief and the reasons behind each bot message; its configuration and flows. */
export async function botRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;

  app.get(
    '/api/v1/conversations/:conversationId/bot',
    {
      config: { policy: 'conversations.read' },
      schema: {
        tags: ['bot'],
        params: ConversationParams,
        response: { 200: z.object({ brief: Brief.nullable(), decisions: z.array(Decision) }), ...errorResponses },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const conversation = await findConversation(ctx.db, workspaceId, request.params.conversationId);
      if (!conversation) throw notFound('Conversation');
      const brief = await findHandoffBrief(ctx, workspaceId, conversation.id);
      const messages = await listMessages(ctx.db, workspaceId, conversation.id, { includePrivate: false, limit: 1000 });
      const decisions = messages.flatMap((m) => {
        const bot = m.meta.bot as { decision?: string; reason?: string; evidence?: unknown } | undefined;
        return m.senderType === 'bot' && bot?.decision
          ? [
              {
                messageId: m.id,
                seq: m.seq,
                decision: bot.decision,
                reason: bot.reason ?? '',
                evidence: bot.evidence ?? null,
              },
            ]
          : [];
      });
      return { brief: brief ?? null, decisions };
    },
  );

  app.get(
    '/api/v1/bot',
    { config: { policy: 'bot.read' }, schema: { tags: ['bot'], response: { 200: BotConfigView, ...errorResponses } } },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const config = await findBotConfig(ctx.db, workspaceId);
      const settings = BotSettings.parse(fromJson(config?.settings, {}));
      const flows = await listFlows(ctx.db, workspaceId);
      return {
        enabled: config?.enabled === 1,
        // The action secret signs requests to the business; it is write-only.
        settings: { ...settings, actionSecret: settings.actionSecret ? '••••••' : '' },
        intentExamples: fromJson<unknown[]>(config?.intents, []).length,
        flows: flows.map((f) => ({
          ...fromJson<object>(f.definition, {}),
          enabled: f.enabled === 1,
          version: f.version,
        })),
      };
    },
  );

  app.put(
    '/api/v1/bot',
    {
      config: { policy: 'bot.manage' },
      schema: { tags: ['bot'], body: BotConfigBody, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await updateBotConfig(ctx, { workspaceId: workspaceOf(request), ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/bot/flows/:intent',
    {
      config: { policy: 'bot.manage' },
      schema: {
        tags: ['bot'],
        params: FlowParams,
        body: FlowDefinition,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await saveBotFlow(ctx, workspaceOf(request), { ...request.body, intent: request.params.intent });
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/bot/flows/:intent',
    {
      config: { policy: 'bot.manage' },
      schema: { tags: ['bot'], params: FlowParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      await removeBotFlow(ctx, workspaceOf(request), request.params.intent);
      return reply.status(204).send(null);
    },
  );
}
