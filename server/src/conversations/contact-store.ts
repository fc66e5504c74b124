import type { Selectable } from 'kysely';
import { toJson } from '../platform/db/dialect.ts';
import { queryTemplate } from '../platform/db/query-template.ts';
import { toContact, toInbox } from './rows.ts';
import type { InboxChannel } from './schema.ts';
import { type ContactIdentityTable, type ContactTable, countRows, type Executor, type InboxTable } from './store.ts';

/** Inboxes, contacts and their identities. Every function takes the workspace. */
// ── inboxes ────────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findInboxByChannel(db: Executor, workspaceId: string, channel: InboxChannel) {
  const row = await db
    .selectFrom('inboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('channel', '=', channel)
    .orderBy('id')
    .executeTakeFirst();
  return row ? toInbox(row) : undefined;
}

export async function listInboxes(db: Executor, workspaceId: string) {
  const rows = await db
    .selectFrom('inboxes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map(toInbox);
}

export async function insertInbox(db: Executor, row: InboxTable) {
  await db.insertInto('inboxes').values(row).execute();
  return toInbox(row);
}

// ── contacts ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function findContact(db: Executor, workspaceId: string, contactId: string) {
  const row = (await contactById(db, { workspaceId, contactId })).rows[0];
  return row ? toContact(row) : undefined;
}

// Read on every bot turn: compiled once (see queryTemplate).
const contactById = queryTemplate<{ workspaceId: string; contactId: string }, Selectable<ContactTable>>((db, p) =>
  db.selectFrom('contacts').selectAll().where('workspace_id', '=', p('workspaceId')).where('id', '=', p('contactId')),
);

/** The contact behind an external id in one inbox (the widget's hashed visitor secret, an API caller's user id …). */
export async function findContactByIdentity(db: Executor, workspaceId: string, inboxId: string, externalId: string) {
  const row = await db
    .selectFrom('contact_identities')
    .innerJoin('contacts', 'contacts.id', 'contact_identities.contact_id')
    .selectAll('contacts')
    .select('contact_identities.id as identity_id')
    .where('contact_identities.workspace_id', '=', workspaceId)
    .where('contact_identities.inbox_id', '=', inboxId)
    .where('contact_identities.external_id', '=', externalId)
    .executeTakeFirst();
  return row ? { contact: toContact(row), identityId: row.identity_id } : undefined;
}

export async function insertContact(
  db: Executor,
  row: Omit<ContactTable, 'attributes'> & { attributes: Record<string, unknown> },
) {
  const stored = { ...row, attributes: toJson(row.attributes) };
  await db.insertInto('contacts').values(stored).execute();
  return toContact(stored);
}

export async function insertIdentity(db: Executor, row: ContactIdentityTable) {
  await db.insertInto('contact_identities').values(row).execute();
}

export function countContacts(db: Executor, workspaceId: string) {
  return countRows(db, 'contacts', workspaceId);
}
