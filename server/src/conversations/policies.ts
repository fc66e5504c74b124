import type { PolicyTable } from '../security/policy.ts';

const CONSOLE_STAFF = ['admin', 'supervisor', 'agent'] as const;

/** Who may read and act on conversations, contacts and inboxes. */
export const conversationPolicies = {
  'conversations.read': { roles: CONSOLE_STAFF, scope: 'conversations:read' },
  'conversations.reply': { roles: CONSOLE_STAFF, scope: 'conversations:write' },
  'conversations.transition': { roles: CONSOLE_STAFF, scope: 'conversations:write' },
  'contacts.read': { roles: CONSOLE_STAFF, scope: 'contacts:read' },
  'contacts.write': { roles: ['admin', 'supervisor'], scope: 'contacts:write' },
  'inboxes.read': { roles: CONSOLE_STAFF },
  'inboxes.manage': { roles: ['admin'] },
  'presence.set': { roles: CONSOLE_STAFF },
  'widget.session': { public: true },
  /** Opening the realtime socket: staff, integrations that read conversations, widget visitors. */
  'realtime.connect': { roles: CONSOLE_STAFF, scope: 'conversations:read', visitor: true },
  /** Sending a message over the socket: staff reply, visitors write in their own conversation (checked again there). */
  'messages.send': { roles: CONSOLE_STAFF, scope: 'conversations:write', visitor: true },
  /** Catching up on missed messages and typing notices: whoever may read the conversation. */
  'conversations.watch': { roles: CONSOLE_STAFF, scope: 'conversations:read', visitor: true },
  'widget.converse': { visitor: true },
} as const satisfies PolicyTable;
