import { initialLevel } from './engine/escalation.ts';
import { complexityOf } from './engine/priority.ts';
import type { SupportLevel, ValueTier } from './engine/types.ts';
import type { RoutingSettings } from './schema.ts';

/** What the hand-off tells routing about a conversation; every field optional (a bare hand-off still queues). */
export interface HandoffFacts {
  reason?: string | null;
  intent?: string | null;
  team?: string | null;
  valueTier?: ValueTier | null;
  language?: string | null;
  channel?: string | null;
  /** The customer's latest sentiment score, -1..1. */
  sentiment?: number | null;
  /** Anger 0..1 (a strong negative signal even when the score is mild). */
  anger?: number | null;
  botTurns?: number | null;
}

export interface WaitingProfile {
  valueTier: ValueTier;
  language: string | null;
  channel: string;
  sentiment: number;
  complexity: number;
  skills: Record<string, number>;
  level: SupportLevel;
}

/**
 * Turns hand-off facts into the queue profile: complexity from reason and bot turns, sentiment lowered by anger,
 * required skills and starting level from the workspace's first matching skill rule.
 */
export function profileFromHandoff(settings: RoutingSettings, facts: HandoffFacts): WaitingProfile {
  const complexity = complexityOf({ reason: facts.reason, botTurns: facts.botTurns ?? 0 });
  const rule = settings.skillRules.find(
    (r) =>
      (r.reason === undefined || r.reason === facts.reason) &&
      (r.intent === undefined || r.intent === facts.intent) &&
      (r.team === undefined || r.team === facts.team),
  );
  const sentiment = Math.min(facts.sentiment ?? 0, facts.anger ? -facts.anger : 1);
  return {
    valueTier: facts.valueTier ?? 'regular',
    language: facts.language ? facts.language.slice(0, 2).toLowerCase() : null,
    channel: facts.channel ?? 'web_widget',
    sentiment: Math.max(-1, Math.min(1, sentiment)),
    complexity,
    skills: rule?.skills ?? {},
    level: rule?.level ?? initialLevel(complexity, facts.reason),
  };
}
