import type { ServiceContext } from '../../platform/context.ts';
import { toJson } from '../../platform/db/dialect.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../../security/audit.ts';
import { findContact } from '../contact-store.ts';
import type { ContactRecord, ContactTier } from '../schema.ts';

export interface UpdateContactProfileOptions {
  workspaceId: string;
  contactId: string;
  tier?: ContactTier;
  /** Merged into the existing attributes; a null value removes the key. */
  attributes?: Record<string, string | number | boolean | null>;
  actor: { type: string; id: string | null };
}

/**
 * Sets a customer's value tier and attributes (through the API or an import). Routing reads the tier when the
 * customer is next handed off, and re-ranks conversations already waiting on `contact.tier_changed`; audited
 * because the tier changes who is served first.
 */
export async function updateContactProfile(
  ctx: ServiceContext,
  options: UpdateContactProfileOptions,
): Promise<ContactRecord> {
  const contact = await findContact(ctx.db, options.workspaceId, options.contactId);
  if (!contact) throw notFound('Contact');
  const attributes: Record<string, unknown> = { ...contact.attributes };
  for (const [key, value] of Object.entries(options.attributes ?? {})) {
    if (value === null) delete attributes[key];
    else attributes[key] = value;
  }
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('contacts')
    .set({ tier: options.tier ?? contact.tier, attributes: toJson(attributes), updated_at: now })
    .where('workspace_id', '=', options.workspaceId)
    .where('id', '=', options.contactId)
    .execute();
  await recordAudit(ctx.db, {
    workspaceId: options.workspaceId,
    actor: options.actor,
    action: 'contact.profile_updated',
    target: { type: 'contact', id: options.contactId },
    details: {
      before: { tier: contact.tier },
      after: { tier: options.tier ?? contact.tier },
      attributes: Object.keys(options.attributes ?? {}),
    },
    at: now,
  });
  if (options.tier && options.tier !== contact.tier) {
    // Routing re-ranks the customer's waiting conversations (it may not import this module; it listens).
    const payload = { contactId: options.contactId, tier: options.tier, previousTier: contact.tier };
    await ctx.bus
      .publish('contact.tier_changed', {
        type: 'contact.tier_changed',
        workspaceId: options.workspaceId,
        id: newId('evt'),
        at: now,
        payload,
      })
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'could not publish tier change'));
  }
  return (await findContact(ctx.db, options.workspaceId, options.contactId)) as ContactRecord;
}

/** The customer's conversations, newest first (for the agent's customer profile). */
export async function listContactConversations(
  ctx: Pick<ServiceContext, 'db'>,
  workspaceId: string,
  contactId: string,
  limit = 20,
) {
  const rows = await ctx.db
    .selectFrom('conversations')
    .select(['id', 'status', 'assignee_id', 'team', 'created_at', 'last_message_at'])
    .where('workspace_id', '=', workspaceId)
    .where('contact_id', '=', contactId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    assigneeId: r.assignee_id,
    team: r.team,
    createdAt: Number(r.created_at),
    lastMessageAt: r.last_message_at === null ? null : Number(r.last_message_at),
  }));
}
