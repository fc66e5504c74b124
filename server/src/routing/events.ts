/** What routing tells the others on the bus. */
export const ROUTING_TOPICS = {
  presenceChanged: 'agent.presence_changed',
  /** A conversation reached an agent (automatically, picked, transferred, reassigned, taken over). */
  assigned: 'conversation.assigned',
  /** The line changed: someone joined, left, moved; consoles refresh their queue view. */
  queueChanged: 'routing.queue_changed',
  /** A surge plan was activated or deactivated; the widget and the consoles show it. */
  surgeChanged: 'routing.surge_changed',
  /** A supervisor joined a conversation silently (only staff hear of it). */
  silentJoin: 'routing.silent_join',
} as const;

export interface PresencePayload {
  userId: string;
  status: 'online' | 'away' | 'offline';
  previous: 'online' | 'away' | 'offline';
}

export interface AssignedPayload {
  conversationId: string;
  agentId: string;
  previousAgentId: string | null;
  team: string;
  via: string;
  waitedMs: number;
  note: string | null;
  /** When the routing decision was made (epoch ms): consoles and the hand-off bench measure delivery from it. */
  decidedAt?: number;
}

export interface QueueChangedPayload {
  team: string | null;
  conversationId: string | null;
  change: 'joined' | 'left' | 'moved';
}

export interface SurgeChangedPayload {
  planId: string;
  name: string;
  team: string | null;
  active: boolean;
  by: string;
  botFirst: { announcement: { zh: string; en: string } } | null;
  waitMessage: { zh: string; en: string } | null;
}
