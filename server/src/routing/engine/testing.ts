import type { AgentState, WaitingConversation } from './types.ts';

/** Builders for engine tests and the simulator: sensible defaults, override what the case is about. */
export function agent(id: string, overrides: Partial<AgentState> = {}): AgentState {
  return {
    id,
    online: true,
    skills: {},
    languages: [],
    teams: ['general'],
    level: 1,
    capacity: { web_widget: 2 },
    load: {},
    lastAssignedAt: 0,
    ...overrides,
  };
}

export function conversation(id: string, overrides: Partial<WaitingConversation> = {}): WaitingConversation {
  return {
    id,
    team: 'general',
    channel: 'web_widget',
    language: null,
    skills: {},
    level: 1,
    valueTier: 'regular',
    complexity: 0.3,
    sentiment: 0,
    enqueuedAt: 0,
    ...overrides,
  };
}
