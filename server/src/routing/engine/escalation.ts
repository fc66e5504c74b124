import type { SupportLevel, WaitingConversation } from './types.ts';

/** Which team answers each support level (L2 → 'tier2', L3 → 'specialists'); a level not listed stays in its team. */
export type LevelTeams = Partial<Record<SupportLevel, string>>;

/**
 * One step up the support ladder: L1 → L2 → L3, moving to the level's specialist team when the workspace names one.
 * Returns undefined at L3: there is nobody above the specialists.
 */
export function escalate(
  conversation: Pick<WaitingConversation, 'level' | 'team'>,
  levelTeams: LevelTeams,
): { level: SupportLevel; team: string } | undefined {
  if (conversation.level >= 3) return undefined;
  const level = (conversation.level + 1) as SupportLevel;
  return { level, team: levelTeams[level] ?? conversation.team };
}

/** The support level a hand-off starts at: complex or sensitive problems skip L1. */
export function initialLevel(complexity: number, reason?: string | null): SupportLevel {
  if (reason === 'complaint' || reason === 'sensitive_intent' || complexity >= 0.8) return 2;
  return 1;
}
