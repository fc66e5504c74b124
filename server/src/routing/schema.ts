import { z } from 'zod';
import { isTimeZone, parseInterval } from './engine/business-hours.ts';
import { STRATEGIES, VALUE_TIERS } from './engine/types.ts';

/** The zod types routing exposes: what the API accepts for settings, teams, agent profiles and surge plans. */

export const TeamKey = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, "_" and "-"');
export const SkillName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'letters, digits, "_" and "-"');
export const SkillLevels = z.record(SkillName, z.number().int().min(1).max(5));
export const Level = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const Channel = z.enum(['web_widget', 'api']);
export const Language = z.string().regex(/^[a-z]{2}$/, 'a two-letter language code');
export const LocalizedText = z.strictObject({ zh: z.string().min(1).max(500), en: z.string().min(1).max(500) });

export const Weights = z.strictObject({
  value: z.number(),
  complexity: z.number(),
  sentiment: z.number(),
  waiting: z.number(),
  sla: z.number(),
});

/** A rule that derives required skills (and a starting level) from the hand-off: first matching rule wins. */
export const SkillRule = z.strictObject({
  reason: z.string().max(40).optional(),
  intent: z.string().max(60).optional(),
  team: TeamKey.optional(),
  skills: SkillLevels,
  level: Level.optional(),
});

export const RoutingSettings = z.strictObject({
  strategy: z.enum(STRATEGIES),
  weights: Weights,
  agingSeconds: z.number().int().min(10).max(86_400),
  slaSeconds: z.strictObject({
    default: z.number().int().min(5),
    web_widget: z.number().int().min(5),
    api: z.number().int().min(5),
  }),
  tierValue: z.strictObject({
    vip: z.number().min(0).max(1),
    regular: z.number().min(0).max(1),
    new: z.number().min(0).max(1),
  }),
  /** Answered within this many seconds counts toward the service level. */
  serviceLevelSeconds: z.number().int().min(5).max(3_600),
  levelTeams: z.strictObject({ 2: TeamKey.optional(), 3: TeamKey.optional() }),
  skillRules: z.array(SkillRule).max(50),
  defaultCapacity: z.strictObject({
    web_widget: z.number().int().min(0).max(50),
    api: z.number().int().min(0).max(50),
  }),
});
export type RoutingSettings = z.infer<typeof RoutingSettings>;

const Interval = z.string().refine((text) => parseInterval(text) !== undefined, 'an interval like 09:00-18:00');
export const BusinessHoursInput = z.strictObject({
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai'),
  weekly: z.partialRecord(z.enum(['0', '1', '2', '3', '4', '5', '6']), z.array(Interval).max(6)),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(366),
});

export const TeamInput = z.strictObject({
  name: z.string().min(1).max(80),
  hours: BusinessHoursInput.nullable(),
});

export const AgentProfileInput = z.strictObject({
  skills: SkillLevels,
  languages: z.array(Language).max(10),
  teams: z.array(TeamKey).min(1).max(20),
  level: Level,
  capacity: z.strictObject({ web_widget: z.number().int().min(0).max(50), api: z.number().int().min(0).max(50) }),
});
export type AgentProfileInput = z.infer<typeof AgentProfileInput>;

export const SURGE_TRIGGERS = ['queue_length', 'longest_wait', 'manual', 'major_incident'] as const;
export const SurgeTrigger = z.strictObject({
  kind: z.enum(SURGE_TRIGGERS),
  /** Conversations waiting (queue_length) or seconds the oldest has waited (longest_wait). */
  threshold: z.number().int().min(1).max(100_000).optional(),
});

export const SurgeActions = z.strictObject({
  /** The bot keeps every conversation it can; the widget shows the announcement. */
  botFirst: z.strictObject({ announcement: LocalizedText }).optional(),
  /** Beyond this many waiting, newcomers are offered to leave a message or be called back. */
  queueCap: z.strictObject({ max: z.number().int().min(1), offer: z.enum(['leave_message', 'callback']) }).optional(),
  /** Agents of these teams also take the plan's team's conversations. */
  borrowFrom: z.array(TeamKey).max(10).optional(),
  /** New hand-offs for the plan's team go to this team instead. */
  overflowTo: TeamKey.optional(),
  /** Shown to waiting customers. */
  waitMessage: LocalizedText.optional(),
});

export const SurgePlanInput = z.strictObject({
  name: z.string().min(1).max(80),
  /** The team it watches and acts on; null = the whole workspace. */
  team: TeamKey.nullable(),
  trigger: SurgeTrigger,
  actions: SurgeActions,
});
export type SurgePlanInput = z.infer<typeof SurgePlanInput>;

export const ValueTier = z.enum(VALUE_TIERS);
