import { z } from 'zod';
import {
  listContactConversations,
  updateContactProfile,
} from '../../../conversations/commands/update-contact-profile.ts';
import { findContact } from '../../../conversations/contact-store.ts';
import { CONTACT_TIERS, CONVERSATION_STATUSES } from '../../../conversations/schema.ts';
import { notFound } from '../../../platform/errors.ts';
import { actorOf } from '../../../security/principal.ts';
import { signedIn, workspaceOf } from '../../principal.ts';
import { errorResponses, IdOf } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { ContactView, presentContact } from '../conversations/schema.ts';

const ContactParams = z.strictObject({ contactId: IdOf('ctc') });
const AttributeKey = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}_.-]+$/u);
const AttributeValue = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
const ContactProfileBody = z
  .strictObject({
    tier: z.enum(CONTACT_TIERS).optional(),
    attributes: z.record(AttributeKey, AttributeValue).optional(),
  })
  .refine((b) => b.tier !== undefined || b.attributes !== undefined, 'set a tier or attributes')
  .refine((b) => Object.keys(b.attributes ?? {}).length <= 50, 'at most 50 attributes at once');
const ImportBody = z.strictObject({
  contacts: z
    .array(
      z.strictObject({
        contactId: IdOf('ctc'),
        tier: z.enum(CONTACT_TIERS).optional(),
        attributes: z.record(AttributeKey, AttributeValue).optional(),
      }),
    )
    .min(1)
    .max(1000),
});
const HistoryView = z.object({
  conversations: z.array(
    z.object({
      id: z.string(),
      status: z.enum(CONVERSATION_STATUSES),
      assigneeId: z.string().nullable(),
      team: z.string().nullable(),
      createdAt: z.number(),
      lastMessageAt: z.number().nullable(),
    }),
  ),
});

/** A customer's profile for agents and integrations: value tier, attributes, past conversations. */
export async function contactRoutes(app: App, deps: AppDeps): Promise<void> {
  const { ctx } = deps;
  const tags = ['contacts'];

  app.get(
    '/api/v1/contacts/:contactId',
    {
      config: { policy: 'contacts.read' },
      schema: { tags, params: ContactParams, response: { 200: ContactView, ...errorResponses } },
    },
    async (request) => {
      const contact = await findContact(ctx.db, workspaceOf(request), request.params.contactId);
      if (!contact) throw notFound('Contact');
      return presentContact(contact);
    },
  );

  app.patch(
    '/api/v1/contacts/:contactId',
    {
      config: { policy: 'contacts.write' },
      schema: {
        tags,
        params: ContactParams,
        body: ContactProfileBody,
        response: { 200: ContactView, ...errorResponses },
      },
    },
    async (request) => {
      const principal = signedIn(request);
      const contact = await updateContactProfile(ctx, {
        workspaceId: principal.workspaceId,
        contactId: request.params.contactId,
        tier: request.body.tier,
        attributes: request.body.attributes,
        actor: actorOf(principal),
      });
      return presentContact(contact);
    },
  );

  app.post(
    '/api/v1/contacts/import',
    {
      config: { policy: 'contacts.write' },
      schema: {
        tags,
        description: 'Sets tiers and attributes of many contacts at once; unknown contacts are listed, not created.',
        body: ImportBody,
        response: { 200: z.object({ updated: z.number(), unknown: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (request) => {
      const principal = signedIn(request);
      let updated = 0;
      const unknown: string[] = [];
      for (const row of request.body.contacts) {
        if (!(await findContact(ctx.db, principal.workspaceId, row.contactId))) {
          unknown.push(row.contactId);
          continue;
        }
        await updateContactProfile(ctx, { workspaceId: principal.workspaceId, ...row, actor: actorOf(principal) });
        updated++;
      }
      return { updated, unknown };
    },
  );

  app.get(
    '/api/v1/contacts/:contactId/conversations',
    {
      config: { policy: 'contacts.read' },
      schema: { tags, params: ContactParams, response: { 200: HistoryView, ...errorResponses } },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      if (!(await findContact(ctx.db, workspaceId, request.params.contactId))) throw notFound('Contact');
      return { conversations: await listContactConversations(ctx, workspaceId, request.params.contactId) };
    },
  );
}
