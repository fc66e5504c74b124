import type { ServiceContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestBed as createBed, type TestBed } from '../../platform/testing/test-bed.ts';
import { createUser } from '../../security/commands/create-user.ts';
import { createWorkspace } from '../../security/commands/create-workspace.ts';
import type { KbActor } from '../schema.ts';

export type KnowledgeTestBed = TestBed;

/** The knowledge tests' clock starts on a fixed day, so effective dates in them read plainly. */
export function createTestBed(database: Database & { dispose(): Promise<void> }): KnowledgeTestBed {
  return createBed(database, { clockStart: Date.UTC(2026, 10, 26, 2, 0, 0) });
}

/** A workspace with an editor and a reviewer (the two people the review workflow needs). */
export async function seedKnowledgeWorkspace(ctx: ServiceContext, name = '演示商城') {
  const workspace = await createWorkspace(ctx, { name });
  const make = async (role: 'kb_editor' | 'kb_reviewer', email: string) => {
    const user = await createUser(ctx, {
      workspaceId: workspace.id,
      input: { email, name: role, role, password: 'a long enough password', locale: 'zh-CN' },
      actor: { kind: 'anonymous' },
    });
    return { type: 'user', id: user.id } satisfies KbActor;
  };
  const tag = workspace.id.slice(-6);
  return {
    workspaceId: workspace.id,
    editor: await make('kb_editor', `editor.${tag}@example.test`),
    reviewer: await make('kb_reviewer', `reviewer.${tag}@example.test`),
  };
}
