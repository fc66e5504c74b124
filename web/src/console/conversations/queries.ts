import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ContactRef,
  type ConversationStatus,
  type ConversationSummary,
  type MessageView,
  mergeMessages,
} from '../../shared/api-types.ts';
import { newClientMessageId } from '../../shared/client-id.ts';
import { api, query } from '../api/client.ts';

export interface ConversationFilter {
  assignee?: 'me' | 'unassigned';
  status?: ConversationStatus;
}

export interface ConversationDetail {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  priority?: number | string | null;
  language?: string | null;
  createdAt: number;
  contact: ContactRef & { email?: string | null; phone?: string | null };
}

export const conversationKeys = {
  lists: ['conversations'] as const,
  list: (filter: ConversationFilter) => ['conversations', filter] as const,
  detail: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
};

export function useConversations(filter: ConversationFilter) {
  return useQuery({
    queryKey: conversationKeys.list(filter),
    queryFn: () =>
      api<{ conversations: ConversationSummary[] }>(
        'GET',
        `/api/v1/conversations${query({ assignee: filter.assignee, status: filter.status, limit: 50 })}`,
      ).then((r) => r.conversations),
  });
}

/** The detail route answers either `{conversation, contact}` or the conversation with its contact inside. */
function toDetail(body: Record<string, unknown>): ConversationDetail {
  const conversation = (body.conversation ?? body) as Omit<ConversationDetail, 'contact'> & {
    contact?: ConversationDetail['contact'];
  };
  const contact = (body.contact ?? conversation.contact) as ConversationDetail['contact'];
  return { ...conversation, contact };
}

export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.detail(id),
    queryFn: () =>
      api<Record<string, unknown>>('GET', `/api/v1/conversations/${encodeURIComponent(id)}`).then(toDetail),
  });
}

/** All messages of a conversation, page after page (`after` the last id) until the server has no more. */
async function fetchAllMessages(id: string): Promise<MessageView[]> {
  let all: MessageView[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { messages } = await api<{ messages: MessageView[] }>(
      'GET',
      `/api/v1/conversations/${encodeURIComponent(id)}/messages${query({ after, limit: 100 })}`,
    );
    if (messages.length === 0) break;
    all = mergeMessages(all, messages);
    const last = messages[messages.length - 1]!.id;
    if (last === after) break;
    after = last;
  }
  return all;
}

export function useMessages(id: string) {
  return useQuery({ queryKey: conversationKeys.messages(id), queryFn: () => fetchAllMessages(id) });
}

/** Puts a message into the cached thread (each id once, in seq order) without a refetch. */
export function addMessageToCache(client: QueryClient, message: MessageView): void {
  client.setQueryData<MessageView[]>(conversationKeys.messages(message.conversationId), (current) =>
    current ? mergeMessages(current, [message]) : current,
  );
}

export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { text: string; private: boolean }) =>
      api<MessageView>('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
        clientMessageId: newClientMessageId(),
        text: input.text,
        ...(input.private ? { private: true } : {}),
      }),
    onSuccess: (message) => {
      addMessageToCache(client, message);
      void client.invalidateQueries({ queryKey: conversationKeys.lists });
      void client.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    },
  });
}

export function useTransition(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (to: ConversationStatus) =>
      api<unknown>('POST', `/api/v1/conversations/${encodeURIComponent(conversationId)}/transitions`, { to }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: conversationKeys.lists });
      void client.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    },
  });
}
