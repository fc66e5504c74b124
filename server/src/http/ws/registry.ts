import type { z } from 'zod';
import type { PolicyName } from '../policies.ts';
import {
  type HandlerContext,
  handleMessageSend,
  handlePing,
  handlePresenceSet,
  handleResume,
  handleTyping,
} from './handlers.ts';
import { MessageSend, Ping, PresenceSet, Resume, Typing } from './protocol.ts';

export interface WsMessageDefinition<S extends z.ZodType> {
  schema: S;
  /** Checked on every message, like a route's policy (a key of http/policies.ts). */
  policy: PolicyName;
  handle(context: HandlerContext, message: z.infer<S>): Promise<void>;
}

const define = <S extends z.ZodType>(definition: WsMessageDefinition<S>) => definition;

/**
 * Every message type a client may send. The gateway refuses any other type; a test walks this table to prove each
 * entry names a known policy.
 */
export const WS_MESSAGES = {
  'message.send': define({ schema: MessageSend, policy: 'messages.send', handle: handleMessageSend }),
  resume: define({ schema: Resume, policy: 'conversations.watch', handle: handleResume }),
  'presence.set': define({ schema: PresenceSet, policy: 'presence.set', handle: handlePresenceSet }),
  typing: define({ schema: Typing, policy: 'conversations.watch', handle: handleTyping }),
  ping: define({ schema: Ping, policy: 'public', handle: handlePing }),
} as const;

export type WsMessageType = keyof typeof WS_MESSAGES;

export function definitionOf(type: unknown): WsMessageDefinition<z.ZodType> | undefined {
  if (typeof type !== 'string' || !Object.hasOwn(WS_MESSAGES, type)) return undefined;
  return WS_MESSAGES[type as WsMessageType] as unknown as WsMessageDefinition<z.ZodType>;
}
