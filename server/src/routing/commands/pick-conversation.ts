import { AppError, notFound } from '../../platform/errors.ts';
import { canServe } from '../engine/eligibility.ts';
import type { RoutingDeps } from '../ports.ts';
import { loadRoutingState } from '../snapshot.ts';
import { handOver } from './assign-waiting.ts';

/**
 * An agent takes a waiting conversation from the queue (manual pick, or ahead of the assigner). They must be able to
 * serve it and have room; when two agents pick the same one, the claim lets exactly one win and the other gets 409.
 */
export async function pickConversation(
  deps: RoutingDeps,
  options: { workspaceId: string; conversationId: string; agentId: string },
): Promise<void> {
  const state = await loadRoutingState(deps.ctx, options.workspaceId);
  const entry = state.waiting.find((w) => w.id === options.conversationId);
  if (!entry) throw notFound('Waiting conversation');
  const agent = state.agents.find((a) => a.id === options.agentId);
  if (!agent || !canServe({ ...agent, online: true }, entry, state.context)) {
    throw new AppError('forbidden', 'This conversation needs skills, a language or a team you do not have');
  }
  const taken = await handOver(deps, options.workspaceId, entry, options.agentId, 'pick', options.agentId);
  if (!taken) throw new AppError('conflict', 'Someone else took it first, or you are at capacity');
}
