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
 * One agent as they are now, prepared for a scan of a long line: the channels they have room on and the open teams
 * they serve (their own and those they are lent to) as short lists, so each conversation costs a few comparisons
 * instead of map and property look-ups. `takes` answers as canTakeNow (tested); prepare again after the agent's load
 * changes. A plain object, not a closure: the scan in plan.ts inlines these checks.
 */
export interface PreparedTaker {
  online: boolean;
  id: string;
  level: number;
  /** Channels with room, in the agent's capacity then load order. */
  channels: string[];
  /** Open teams served. */
  teams: string[];
  /** Empty means any language. */
  languages: string[];
  skills: Record<string, number>;
}

export function prepareTaker(agent: AgentState, context: EligibilityContext): PreparedTaker {
  const channels: string[] = [];
  const teams: string[] = [];
  const prepared = {
    online: agent.online,
    id: agent.id,
    level: agent.level,
    channels,
    teams,
    languages: agent.languages,
    skills: agent.skills,
  };
  if (!agent.online) return prepared;
  for (const channel in agent.capacity)
    if (!channels.includes(channel) && roomIn(agent, channel) > 0) channels.push(channel);
  for (const channel in agent.load)
    if (!channels.includes(channel) && roomIn(agent, channel) > 0) channels.push(channel);
  const serve = (team: string) => {
    if (!teams.includes(team) && context.openTeams.get(team) !== false) teams.push(team);
  };
  for (const team of agent.teams) serve(team);
  if (context.borrowed)
    for (const [team, lenders] of context.borrowed)
      if (lenders.some((lender) => agent.teams.includes(lender))) serve(team);
  return prepared;
}

/**
 * canTakeNow for a prepared agent, capacity included. The cheap tests come first (line, level, channel, language:
 * a few string and number compares); the skill map is read last and only for conversations that passed them.
 */
export function preparedTakes(taker: PreparedTaker, conversation: WaitingConversation): boolean {
  if (!taker.online) return false;
  const reservedFor = conversation.reservedFor;
  if (reservedFor) return reservedFor === taker.id && taker.level >= 1 && taker.channels.includes(conversation.channel);
  if (!taker.teams.includes(conversation.team) || taker.level < conversation.level) return false;
  if (!taker.channels.includes(conversation.channel)) return false;
  const language = conversation.language;
  if (language && taker.languages.length > 0 && !taker.languages.includes(language)) return false;
  const needs = conversation.skills;
  for (const skill in needs) {
    if ((taker.skills[skill] ?? 0) < (needs[skill] as number)) return false;
  }
  return true;
}

/** `canTakeNow` for one agent as they are now, prepared once (prepareTaker); tests compare it with canTakeNow. */
export function takerFor(
  agent: AgentState,
  context: EligibilityContext,
): (conversation: WaitingConversation) => boolean {
  const taker = prepareTaker(agent, context);
  return (conversation) => preparedTakes(taker, conversation);
}
