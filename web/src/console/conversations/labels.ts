import type { ContactRef } from '../../shared/api-types.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** A contact without a name is shown as "Visitor" plus the end of its id, so two visitors stay apart. */
export function contactName(contact: ContactRef | undefined, t: (key: MessageKey) => string): string {
  if (!contact) return t('contact.anonymous');
  return contact.name?.trim() || `${t('contact.anonymous')} ${contact.id.slice(-4).toUpperCase()}`;
}
