import { createHash, randomBytes } from 'node:crypto';
import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import { newId } from '../../platform/ids.ts';
import { findContactByIdentity, insertContact, insertIdentity } from '../contact-store.ts';
import type { ContactRecord, InboxRecord } from '../schema.ts';
import { ensureDefaultInboxes } from './ensure-default-inboxes.ts';

export interface IdentifyVisitorOptions {
  workspaceId: string;
  /** The secret the widget keeps in localStorage; absent or unknown means a new visitor. */
  visitorSecret?: string;
  locale?: string;
}

export interface IdentifiedVisitor {
  contact: ContactRecord;
  identityId: string;
  inbox: InboxRecord;
  /** The secret to keep (a fresh one for a new visitor). */
  visitorSecret: string;
  isNew: boolean;
}

/** The secret is a bearer credential: only its hash is stored, as the identity's external id. */
export function visitorExternalId(visitorSecret: string): string {
  return createHash('sha256').update(`visitor:${visitorSecret}`).digest('hex');
}

/**
 * Finds the contact behind a widget visitor's secret, or creates a contact with its one web-widget identity and a
 * fresh secret. An unknown secret is never adopted: the server picks every new secret, so none is guessable.
 */
export async function identifyVisitor(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  options: IdentifyVisitorOptions,
): Promise<IdentifiedVisitor> {
  const { webWidget: inbox } = await ensureDefaultInboxes(ctx, options.workspaceId);
  if (options.visitorSecret) {
    const found = await findContactByIdentity(
      ctx.db,
      options.workspaceId,
      inbox.id,
      visitorExternalId(options.visitorSecret),
    );
    if (found) {
      return {
        contact: found.contact,
        identityId: found.identityId,
        inbox,
        visitorSecret: options.visitorSecret,
        isNew: false,
      };
    }
  }
  for (;;) {
    const visitorSecret = randomBytes(24).toString('base64url');
    const now = ctx.clock.now();
    const contactId = newId('ctc');
    const identityId = newId('cid');
    const zh = !options.locale || options.locale.toLowerCase().startsWith('zh');
    const suffix = contactId.slice(-4).toUpperCase();
    try {
      const contact = await ctx.db.transaction().execute(async (trx) => {
        const created = await insertContact(trx, {
          id: contactId,
          workspace_id: options.workspaceId,
          name: zh ? `访客 ${suffix}` : `Visitor ${suffix}`,
          email: null,
          phone: null,
          tier: 'new',
          attributes: {},
          locale: options.locale ?? null,
          created_at: now,
          updated_at: now,
        });
        await insertIdentity(trx, {
          id: identityId,
          workspace_id: options.workspaceId,
          contact_id: contactId,
          inbox_id: inbox.id,
          external_id: visitorExternalId(visitorSecret),
          created_at: now,
        });
        return created;
      });
      return { contact, identityId, inbox, visitorSecret, isNew: true };
    } catch (error) {
      // 192 random bits collide only in theory; try again with another secret rather than fail.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
