import type { ServiceContext } from '../platform/context.ts';
import { listAgentProfiles } from './agent-store.ts';
import { servesTeam } from './engine/eligibility.ts';
import { eligibilityContext } from './snapshot.ts';
import { listPresence } from './store.ts';
import { listSurgePlans } from './surge-store.ts';

/**
 * Agents online now who can answer a team's line: its members, and the members of the teams an active surge plan
 * lends to it (eligibility.ts servesTeam, the assigner's own rule). For a transfer's answer, which tells the agent whether
 * anyone there can take the conversation: loading the whole routing state for it also read the whole line.
 * An online agent without a routing profile is not counted; the assigner gives them the default one on its pass,
 * which a transfer runs before asking.
 */
export async function countOnlineInTeam(
  ctx: Pick<ServiceContext, 'db'>,
  workspaceId: string,
  team: string,
): Promise<number> {
  const [presence, profiles, plans] = await Promise.all([
    listPresence(ctx.db, workspaceId),
    listAgentProfiles(ctx.db, workspaceId),
    listSurgePlans(ctx.db, workspaceId),
  ]);
  const online = new Set(presence.filter((p) => p.status === 'online').map((p) => p.user_id));
  // lending read exactly as the assigner reads it (opening hours play no part in who is online)
  const context = eligibilityContext(
    [],
    plans.filter((p) => p.active),
    0,
  );
  return profiles.filter((p) => online.has(p.userId) && servesTeam(p, team, context)).length;
}
