/** What routing tells the others on the bus. */
export const ROUTING_TOPICS = { presenceChanged: 'agent.presence_changed' } as const;

export interface PresencePayload {
  userId: string;
  status: 'online' | 'away' | 'offline';
  previous: 'online' | 'away' | 'offline';
}
