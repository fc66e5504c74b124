import type { AgentState, WaitingConversation } from './types.ts';

/** What the engine knows besides agents and conversations: which teams are open, which are borrowed. */
export interface EligibilityContext {
  /** Team id → open now (business hours and holidays already applied). A team not listed counts as open. */
  openTeams: ReadonlyMap<string, boolean>;
  /** Team → other teams whose agents may also take its conversations now (a surge plan borrowing agents). */
  borrowed?: ReadonlyMap<string, readonly string[]>;
}

export function roomIn(agent: AgentState, channel: string): number {
  return (agent.capacity[channel] ?? 0) - (agent.load[channel] ?? 0);
}

/** Whether an agent answers a team's line: a member, or a member of a team an active surge plan lends to it. */
export function servesTeam(agent: Pick<AgentState, 'teams'>, team: string, context: EligibilityContext): boolean {
  if (agent.teams.includes(team)) return true;
  const lenders = context.borrowed?.get(team);
  return lenders?.some((lender) => agent.teams.includes(lender)) ?? false;
}

/**
 * Whether this agent may take this conversation now, capacity aside: online, serving its team (or lent to it),
 * the team open, the customer's language spoken, each required skill at its level, and a support level at least
 * the conversation's. A conversation reserved for one agent (a transfer, a supervisor's pick) goes to them only.
 */
export function canServe(agent: AgentState, conversation: WaitingConversation, context: EligibilityContext): boolean {
  if (!agent.online) return false;
  if (conversation.reservedFor) return conversation.reservedFor === agent.id && agent.level >= 1;
  if (!servesTeam(agent, conversation.team, context)) return false;
  if (context.openTeams.get(conversation.team) === false) return false;
  if (agent.level < conversation.level) return false;
  if (conversation.language && agent.languages.length > 0 && !agent.languages.includes(conversation.language))
    return false;
  for (const skill in conversation.skills) {
    if ((agent.skills[skill] ?? 0) < (conversation.skills[skill] as number)) return false;
  }
  return true;
}

/** Eligible and with room on the conversation's channel. */
export function canTakeNow(agent: AgentState, conversation: WaitingConversation, context: EligibilityContext): boolean {
  return roomIn(agent, conversation.channel) > 0 && canServe(agent, conversation, context);
}

/**
 * What agents with room can reach now, as far as line and channel go: the one definition the assigner's read of the
 * line (snapshot.ts), its plan's filter and each agent's scan (plan.ts) share. Only online agents with room count;
 * a conversation is within reach when it waits on a channel one of them has room on and is reserved for one of them
 * or, unreserved, in an open team one of them serves (their own, or one their team is lent to by a surge plan).
 * canTakeNow adds level, language and skills to this, so nothing out of reach can be taken (plan-methods.test.ts).
 */
export interface Reach {
  /** The online agents with room. */
  agentIds: string[];
  /** Open teams they serve: their own, then those lent their teams. */
  teams: string[];
  /** Channels at least one of them has room on, in each agent's capacity then load order. */
  channels: string[];
}

export function reachOf(agents: readonly AgentState[], context: EligibilityContext): Reach {
  // Short lists, not sets: a workspace has a few teams and channels, and comparing is cheaper than hashing.
  const reach: Reach = { agentIds: [], teams: [], channels: [] };
  const { agentIds, teams, channels } = reach;
  /** Every team of an agent with room, open or not: a closed team's agents may still be lent to an open one. */
  const own: string[] = [];
  for (const agent of agents) {
    if (!agent.online) continue;
    const { capacity, load } = agent;
    let room = false;
    for (const channel in capacity)
      if ((capacity[channel] ?? 0) - (load[channel] ?? 0) > 0) {
        room = true;
        if (indexIn(channels, channel) < 0) channels.push(channel);
      }
    for (const channel in load)
      if ((capacity[channel] ?? 0) - (load[channel] ?? 0) > 0 && indexIn(channels, channel) < 0) channels.push(channel);
    if (!room) continue;
    agentIds.push(agent.id);
    for (const team of agent.teams) if (indexIn(own, team) < 0) own.push(team);
  }
  for (const team of own) if (context.openTeams.get(team) !== false) teams.push(team);
  if (context.borrowed)
    for (const [team, lenders] of context.borrowed)
      if (
        indexIn(teams, team) < 0 &&
        context.openTeams.get(team) !== false &&
        lenders.some((lender) => indexIn(own, lender) >= 0)
      )
        teams.push(team);
  return reach;
}

/**
 * The conversations of the line within reach, in line order. Those left out cannot be assigned in this pass (room
 * only shrinks while it plans), so leaving them out changes no decision.
 */
export function withinReach(reach: Reach, waiting: readonly WaitingConversation[]): WaitingConversation[] {
  const { teams, channels } = reach;
  const ids = new Set(reach.agentIds);
  const reachable: WaitingConversation[] = [];
  for (let i = 0; i < waiting.length; i++) {
    const conversation = waiting[i] as WaitingConversation;
    if (indexIn(channels, conversation.channel) < 0) continue;
    const reservedFor = conversation.reservedFor;
    if (reservedFor ? ids.has(reservedFor) : indexIn(teams, conversation.team) >= 0) reachable.push(conversation);
  }
  return reachable;
}

/**
 * indexOf for short lists (an agent's teams, channels, languages: one to three strings). A plain loop the compiler
 * inlines; Array.prototype.indexOf/includes is a call per conversation, a fifth of a scan's time.
 */
export function indexIn(list: readonly string[], value: string): number {
  for (let i = 0; i < list.length; i++) if (list[i] === value) return i;
  return -1;
}

/**
 * One agent as they are now, prepared for a scan of a long line: their reach (reachOf) as short lists, so each
 * conversation costs a few comparisons instead of map and property look-ups; plan.ts's scan checks level, language
 * and skills itself. Prepare again after the agent's load changes. A plain object, not a closure: the scan inlines
 * the checks.
 */
export interface PreparedTaker {
  online: boolean;
  id: string;
  level: number;
  /** Channels with room, in the agent's capacity then load order. */
  channels: string[];
  /** Open teams served (none when offline or without room). */
  teams: string[];
  /** Empty means any language. */
  languages: string[];
  skills: Record<string, number>;
}

export function prepareTaker(agent: AgentState, context: EligibilityContext): PreparedTaker {
  const { channels, teams } = reachOf([agent], context);
  return {
    online: agent.online,
    id: agent.id,
    level: agent.level,
    channels,
    teams,
    languages: agent.languages,
    skills: agent.skills,
  };
}
