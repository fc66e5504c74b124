import type { ServiceContext } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { findInboxByChannel, insertInbox } from '../contact-store.ts';
import type { InboxRecord } from '../schema.ts';

/** Inbox names are data the console shows; the default one carries both languages. */
const DEFAULT_WIDGET_INBOX_NAME = '网页咨询 Web chat';

/**
 * Every workspace has a web-widget inbox; the seed and workspace creation call this, and the widget calls it again
 * so a workspace made before conversations existed still works. Safe to call any number of times.
 */
export async function ensureDefaultInboxes(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  workspaceId: string,
): Promise<{ webWidget: InboxRecord }> {
  const existing = await findInboxByChannel(ctx.db, workspaceId, 'web_widget');
  if (existing) return { webWidget: existing };
  const webWidget = await insertInbox(ctx.db, {
    id: newId('inb'),
    workspace_id: workspaceId,
    name: DEFAULT_WIDGET_INBOX_NAME,
    channel: 'web_widget',
    created_at: ctx.clock.now(),
  });
  return { webWidget };
}
