import { compareMessages, type MessageView } from '../shared/api-types.ts';

export interface PendingMessage {
  clientMessageId: string;
  text: string;
  state: 'sending' | 'failed';
  error?: string;
  createdAt: number;
}

export type ChatItem =
  | { key: string; message: MessageView; pending?: undefined }
  | { key: string; pending: PendingMessage; message?: undefined };

/** Display key: a visitor's own message keeps the key of its pending bubble, so confirming it does not redraw it. */
function keyOf(message: MessageView): string {
  return message.senderType === 'contact' && message.clientMessageId
    ? `c:${message.clientMessageId}`
    : `m:${message.id}`;
}

/**
 * What the visitor sees: confirmed messages, each exactly once however often it arrives (history, ack, broadcast,
 * resume replay, REST fallback), plus the visitor's messages still on their way.
 */
export class ChatState {
  private readonly messages = new Map<string, MessageView>();
  private readonly pending = new Map<string, PendingMessage>();

  /** Adds confirmed messages; returns whether anything changed. */
  add(incoming: readonly MessageView[]): boolean {
    let changed = false;
    for (const message of incoming) {
      if (message.private) continue;
      if (message.clientMessageId && this.pending.delete(message.clientMessageId)) changed = true;
      if (this.messages.has(message.id)) continue;
      this.messages.set(message.id, message);
      changed = true;
    }
    return changed;
  }

  addPending(clientMessageId: string, text: string, now = Date.now()): PendingMessage {
    const pending: PendingMessage = { clientMessageId, text, state: 'sending', createdAt: now };
    this.pending.set(clientMessageId, pending);
    return pending;
  }

  setPendingState(clientMessageId: string, state: PendingMessage['state'], error?: string): void {
    const pending = this.pending.get(clientMessageId);
    if (pending) this.pending.set(clientMessageId, { ...pending, state, error });
  }

  isPending(clientMessageId: string): boolean {
    return this.pending.has(clientMessageId);
  }

  /** Messages still owed an ack, oldest first (they are re-sent after a reconnect; the server dedupes them). */
  unconfirmed(): PendingMessage[] {
    return [...this.pending.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The newest confirmed message: where a resume after reconnecting picks up. */
  lastSeen(): MessageView | undefined {
    let last: MessageView | undefined;
    for (const message of this.messages.values()) if (!last || compareMessages(last, message) < 0) last = message;
    return last;
  }

  items(): ChatItem[] {
    const confirmed: ChatItem[] = [...this.messages.values()]
      .sort(compareMessages)
      .map((message) => ({ key: keyOf(message), message }));
    const waiting: ChatItem[] = this.unconfirmed().map((pending) => ({ key: `c:${pending.clientMessageId}`, pending }));
    return [...confirmed, ...waiting];
  }
}
