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

function servesTeam(agent: AgentState, team: string, context: EligibilityContext): boolean {
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
 * `canTakeNow` for one agent as they are now, prepared once for a scan of a long line: the channels they have room
 * on and the open teams they serve (their own and those they are lent to) become short lists, so each conversation
 * costs a few comparisons instead of map and property look-ups. Same answer as canTakeNow (tested); build it again
 * after the agent's load changes.
 */
export function takerFor(
  agent: AgentState,
  context: EligibilityContext,
): (conversation: WaitingConversation) => boolean {
  if (!agent.online) return () => false;
  const channels: string[] = [];
  const roomOn = (channel: string) => {
    if (!channels.includes(channel) && roomIn(agent, channel) > 0) channels.push(channel);
  };
  for (const channel in agent.capacity) roomOn(channel);
  for (const channel in agent.load) roomOn(channel);
  const teams: string[] = [];
  const serve = (team: string) => {
    if (!teams.includes(team) && context.openTeams.get(team) !== false) teams.push(team);
  };
  for (const team of agent.teams) serve(team);
  if (context.borrowed)
    for (const [team, lenders] of context.borrowed)
      if (lenders.some((lender) => agent.teams.includes(lender))) serve(team);
  const { id, level, languages, skills } = agent;
  const anyLanguage = languages.length === 0;
  return (conversation) => {
    if (!channels.includes(conversation.channel)) return false;
    if (conversation.reservedFor) return conversation.reservedFor === id && level >= 1;
    if (!teams.includes(conversation.team) || level < conversation.level) return false;
    if (conversation.language && !anyLanguage && !languages.includes(conversation.language)) return false;
    for (const skill in conversation.skills) {
      if ((skills[skill] ?? 0) < (conversation.skills[skill] as number)) return false;
    }
    return true;
  };
}
