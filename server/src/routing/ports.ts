import type { ServiceContext } from '../platform/context.ts';
import type { Lock } from '../platform/lock/lock.ts';

/**
 * What routing needs from conversations, which it may not import (conversations imports routing). The composition
 * root passes an implementation; routing decides and records who holds what, conversations moves the status.
 */
export interface ConversationPort {
  /**
   * Puts the conversation in the agent's hands (queued → assigned, or assigned → assigned for a transfer). `gone`
   * when it can no longer be assigned (closed, resolved, back with the bot): routing then lets go of its claim.
   */
  assign(input: {
    workspaceId: string;
    conversationId: string;
    agentId: string;
    via: string;
    actorId: string | null;
  }): Promise<'assigned' | 'gone'>;
  /** Back to the queue (a transfer to a team): assigned → queued. */
  requeue(input: {
    workspaceId: string;
    conversationId: string;
    actorId: string | null;
    reason: string;
  }): Promise<'queued' | 'gone'>;
  /** A line in the conversation: an internal note (private) or a word to the customer. */
  post(input: {
    workspaceId: string;
    conversationId: string;
    text: string;
    private: boolean;
    key: string;
    authorId: string | null;
  }): Promise<void>;
}

export interface RoutingDeps {
  ctx: ServiceContext;
  lock: Lock;
  conversations: ConversationPort;
}
