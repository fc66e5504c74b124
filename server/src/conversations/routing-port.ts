import type { ServiceContext } from '../platform/context.ts';
import { isAppError } from '../platform/errors.ts';
import type { ConversationPort } from '../routing/ports.ts';
import { receiveMessage } from './commands/receive-message.ts';
import { transitionConversation } from './commands/transition-conversation.ts';

/** Routing's decisions applied to conversations: routing decides who holds a conversation, this moves its status. */
export function conversationPort(ctx: ServiceContext): ConversationPort {
  return {
    async assign({ workspaceId, conversationId, agentId, via, actorId }) {
      try {
        const { conversation } = await transitionConversation(ctx, {
          workspaceId,
          conversationId,
          to: 'assigned',
          assigneeId: agentId,
          actor: actorId ? { type: 'user', id: actorId } : { type: 'system', id: 'routing' },
          reason: `routing:${via}`,
        });
        return conversation.status === 'assigned' && conversation.assigneeId === agentId ? 'assigned' : 'gone';
      } catch (error) {
        // Resolved, closed or handed back to the bot since it was queued: nothing to assign any more.
        if (isAppError(error) && (error.code === 'illegal_transition' || error.code === 'not_found')) return 'gone';
        throw error;
      }
    },
    async requeue({ workspaceId, conversationId, actorId, reason }) {
      try {
        await transitionConversation(ctx, {
          workspaceId,
          conversationId,
          to: 'queued',
          actor: actorId ? { type: 'user', id: actorId } : { type: 'system', id: 'routing' },
          reason: `routing:${reason}`,
        });
        return 'queued';
      } catch (error) {
        if (isAppError(error) && (error.code === 'illegal_transition' || error.code === 'not_found')) return 'gone';
        throw error;
      }
    },
    async post({ workspaceId, conversationId, text, private: isPrivate, key, authorId }) {
      await receiveMessage(ctx, {
        workspaceId,
        target: { conversationId },
        sender: authorId ? { type: 'agent', id: authorId } : { type: 'system', id: null },
        actor: authorId ? { type: 'user', id: authorId } : { type: 'system', id: 'routing' },
        clientMessageId: key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
        text,
        private: isPrivate,
      });
    },
  };
}
