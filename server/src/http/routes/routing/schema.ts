import { z } from 'zod';
import { STRATEGIES } from '../../../routing/engine/types.ts';
import { AgentProfileInput, RoutingSettings, SurgePlanInput, TeamInput, TeamKey } from '../../../routing/schema.ts';
import { IdOf, Label } from '../../schemas.ts';

export const ConversationParams = z.strictObject({ conversationId: IdOf('conv') });
export const UserParams = z.strictObject({ userId: IdOf('usr') });
export const TeamParams = z.strictObject({ team: TeamKey });
export const PlanParams = z.strictObject({ planId: IdOf('srg') });

const Note = Label(2000).optional();

export const TransferBody = z
  .strictObject({ toAgentId: IdOf('usr').optional(), toTeam: TeamKey.optional(), note: Note })
  .refine((b) => (b.toAgentId === undefined) !== (b.toTeam === undefined), 'name exactly one of toAgentId or toTeam');
export const EscalateBody = z.strictObject({ note: Note });
export const ReassignBody = z.strictObject({ toAgentId: IdOf('usr'), fromAgentId: IdOf('usr').optional(), note: Note });
export const TakeOverBody = z.strictObject({ fromAgentId: IdOf('usr').optional() });
export const SurgeSwitchBody = z.strictObject({ reason: Label(300).optional() });

export const WaitingView = z.object({
  conversationId: z.string(),
  team: z.string(),
  position: z.number().int(),
  waitedSeconds: z.number().int(),
  priority: z.number(),
  valueTier: z.enum(['vip', 'regular', 'new']),
  sentiment: z.number(),
  level: z.number().int(),
  skills: z.record(z.string(), z.number()),
  language: z.string().nullable(),
  channel: z.string(),
  reason: z.string(),
  note: z.string().nullable(),
  canTake: z.boolean(),
});

export const HoldingView = z.object({
  conversationId: z.string(),
  team: z.string(),
  channel: z.string(),
  via: z.string(),
  assignedAt: z.number(),
});

export const QueueView = z.object({
  strategy: z.enum(STRATEGIES),
  waiting: z.array(WaitingView),
  mine: z.array(HoldingView),
  capacity: z.record(z.string(), z.number()),
  load: z.record(z.string(), z.number()),
});

export const TransferResult = z.object({
  team: z.string().nullable(),
  assignedTo: z.string().nullable(),
  position: z.number().int(),
  online: z.number().int(),
});

export const BoardView = z.object({
  now: z.number(),
  serviceLevel: z.object({
    targetSeconds: z.number(),
    answered: z.number(),
    withinTarget: z.number(),
    waitingPastTarget: z.number(),
    ratio: z.number(),
  }),
  teams: z.array(
    z.object({
      team: z.string(),
      name: z.string(),
      open: z.boolean(),
      longestWaitSeconds: z.number(),
      waiting: z.array(
        z.object({
          conversationId: z.string(),
          position: z.number(),
          waitedSeconds: z.number(),
          priority: z.number(),
          valueTier: z.string(),
          sentiment: z.number(),
          level: z.number(),
          skills: z.record(z.string(), z.number()),
          language: z.string().nullable(),
          channel: z.string(),
          reservedFor: z.string().nullable(),
        }),
      ),
    }),
  ),
  agents: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      status: z.enum(['online', 'away', 'offline']),
      teams: z.array(z.string()),
      skills: z.record(z.string(), z.number()),
      languages: z.array(z.string()),
      level: z.number(),
      capacity: z.record(z.string(), z.number()),
      load: z.record(z.string(), z.number()),
      conversations: z.array(z.string()),
    }),
  ),
  surges: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      team: z.string().nullable(),
      activatedAt: z.number().nullable(),
      activatedBy: z.string().nullable(),
    }),
  ),
});

export const AgentProfileView = AgentProfileInput.extend({
  userId: z.string(),
  name: z.string(),
  role: z.string(),
  load: z.record(z.string(), z.number()),
});

export const TeamView = TeamInput.extend({ team: z.string() });

export const SurgePlanView = SurgePlanInput.extend({
  id: z.string(),
  active: z.boolean(),
  activatedAt: z.number().nullable(),
  activatedBy: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const WidgetRoutingStatus = z.object({
  botFirst: z.object({ zh: z.string(), en: z.string() }).nullable(),
  waitMessage: z.object({ zh: z.string(), en: z.string() }).nullable(),
  queue: z.object({ position: z.number().int(), team: z.string() }).nullable(),
  /** The line is over an active plan's cap: the widget offers this instead of waiting (the bot takes it up). */
  offer: z.enum(['leave_message', 'callback']).nullable(),
});

export { AgentProfileInput, RoutingSettings, SurgePlanInput, TeamInput };
