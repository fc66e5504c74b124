import { fromJson } from '../../platform/db/dialect.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findAssignment, type WaitingProfileCopy } from '../assignment-store.ts';
import { escalate } from '../engine/escalation.ts';
import type { SupportLevel } from '../engine/types.ts';
import type { RoutingDeps } from '../ports.ts';
import { loadSettings } from '../settings-store.ts';
import { findWaiting } from '../waiting-store.ts';
import { transferToTeam } from './transfer-to-team.ts';

/** L1 → L2 → L3: to the next level's specialist team (settings.levelTeams), with a note; 409 at L3. */
export async function escalateConversation(
  deps: RoutingDeps,
  options: { workspaceId: string; conversationId: string; note?: string | null; actorId: string },
) {
  const { ctx } = deps;
  const settings = await loadSettings(ctx.db, options.workspaceId);
  const holder = await findAssignment(ctx.db, options.workspaceId, options.conversationId);
  const waiting = holder ? undefined : await findWaiting(ctx.db, options.workspaceId, options.conversationId);
  if (!holder && !waiting) throw notFound('Conversation in routing');
  const level = (
    holder ? (fromJson<Partial<WaitingProfileCopy>>(holder.profile, {}).level ?? 1) : (waiting?.level ?? 1)
  ) as SupportLevel;
  const team = holder?.team ?? waiting?.team ?? 'general';
  const next = escalate({ level, team }, settings.levelTeams);
  if (!next) throw new AppError('conflict', 'Already with the specialists (L3)', { details: { level } });
  return transferToTeam(deps, { ...options, team: next.team, level: next.level, reason: 'escalation' });
}
