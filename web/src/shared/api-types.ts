/**
 * The shapes the API sends (see the conversations contract). Both the console and the widget read them; the server
 * is the source of truth, these types only describe what the presenters whitelist.
 */
export type SenderType = 'contact' | 'agent' | 'bot' | 'system';
export type ConversationStatus = 'bot' | 'queued' | 'assigned' | 'resolved' | 'closed';
export type PresenceStatus = 'online' | 'away' | 'offline';
export type ContactTier = 'vip' | 'regular' | 'new';

export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  senderType: SenderType;
  senderId: string | null;
  clientMessageId: string | null;
  text: string;
  private: boolean;
  createdAt: number;
  /** A bot message's buttons and cards. */
  meta?: {
    quickReplies?: Array<{ label: string; value: string }>;
    cards?: Array<{ type: string; [field: string]: unknown }>;
  };
}

export interface ContactRef {
  id: string;
  name: string | null;
  tier: ContactTier;
}

export interface ConversationSummary {
  id: string;
  status: ConversationStatus;
  assigneeId: string | null;
  contact: ContactRef;
  lastMessage: { text: string; senderType: SenderType; createdAt: number } | null;
  lastMessageAt: number | null;
  createdAt: number;
}

/** Error body of every failed request: `{"error":{"code","message","details"}}`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Events the server pushes over `/api/v1/ws`. */
export type ServerEvent =
  | { type: 'message.created'; conversationId: string; message: MessageView }
  | { type: 'conversation.updated'; conversation: { id: string } & Record<string, unknown> }
  | { type: 'ack'; requestId?: string; clientMessageId: string; message: MessageView }
  | { type: 'typing'; conversationId: string; senderType: SenderType }
  | { type: 'error'; requestId?: string; error: { code: string; message: string } }
  | { type: 'pong' }
  | { type: 'routing'; event: string; data: Record<string, unknown> };

/** Messages shown in one conversation: by seq, which is the order the server committed them in. */
export function compareMessages(a: MessageView, b: MessageView): number {
  if (a.conversationId === b.conversationId) return a.seq - b.seq;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
}

/** Adds messages to a list, keeping each id once and the list in order. */
export function mergeMessages(list: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(compareMessages);
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}
