import type { ServiceContext } from '../../platform/context.ts';
import { createTestBed, type TestBed } from '../../platform/testing/test-bed.ts';
import { createWorkspace } from '../../security/commands/create-workspace.ts';
import { ensureDefaultInboxes } from '../commands/ensure-default-inboxes.ts';
import { identifyVisitor } from '../commands/identify-visitor.ts';

export { createTestBed };
export type ConversationTestBed = TestBed;

/** A workspace with its default inbox and one widget visitor. */
export async function seedWorkspace(ctx: ServiceContext, name = '演示商城') {
  const workspace = await createWorkspace(ctx, { name });
  const { webWidget } = await ensureDefaultInboxes(ctx, workspace.id);
  const visitor = await identifyVisitor(ctx, { workspaceId: workspace.id, locale: 'zh-CN' });
  return { workspace, inbox: webWidget, visitor };
}
