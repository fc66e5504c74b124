import { randomBytes } from 'node:crypto';
import { seedDemoBot } from '../bot/demo/seed-demo-bot.ts';
import { seedDemoKnowledge } from '../knowledge/demo-content.ts';
import type { ServiceContext } from '../platform/context.ts';
import { createUser } from '../security/commands/create-user.ts';
import { createWorkspace } from '../security/commands/create-workspace.ts';
import type { Role } from '../security/roles.ts';
import { findUserByEmail } from '../security/store.ts';
import { seedSampleConversations } from './sample-conversations.ts';

export const DEMO_WORKSPACE_NAME = '演示商城 Demo Shop';

export interface DemoAccounts {
  workspaceId: string;
  widgetKey: string;
  accounts: Array<{ email: string; password: string; role: Role; name: string }>;
}

export interface SeedDemoOptions {
  adminEmail: string;
  /** When absent a password is generated and returned once (the caller prints it). */
  adminPassword?: string;
}

const STAFF: Array<{ email: string; name: string; role: Role; locale: 'zh-CN' | 'en' }> = [
  { email: 'supervisor@demo.lingxi.local', name: '王主管 Wang (supervisor)', role: 'supervisor', locale: 'zh-CN' },
  { email: 'agent.li@demo.lingxi.local', name: '李客服 Li (agent)', role: 'agent', locale: 'zh-CN' },
  { email: 'agent.emma@demo.lingxi.local', name: 'Emma (agent)', role: 'agent', locale: 'en' },
  { email: 'editor@demo.lingxi.local', name: '赵编辑 Zhao (kb editor)', role: 'kb_editor', locale: 'zh-CN' },
  { email: 'reviewer@demo.lingxi.local', name: 'Chen (kb reviewer)', role: 'kb_reviewer', locale: 'en' },
  { email: 'auditor@demo.lingxi.local', name: '孙审计 Sun (auditor)', role: 'auditor', locale: 'zh-CN' },
];

function generatePassword(): string {
  // 16 characters from an alphabet without look-alikes; ~95 bits.
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * Creates the demo workspace on the first start: an admin and one account per role, each with its own password
 * (returned once; only hashes are stored). Does nothing when any workspace exists.
 */
export async function seedDemo(ctx: ServiceContext, options: SeedDemoOptions): Promise<DemoAccounts | undefined> {
  const existing = await ctx.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const workspace = await createWorkspace(ctx, {
    name: DEMO_WORKSPACE_NAME,
    defaultLocale: 'zh-CN',
    settings: { demo: true },
  });
  const system = { kind: 'anonymous' } as const;
  const accounts: DemoAccounts['accounts'] = [];
  const admin = {
    email: options.adminEmail,
    name: '管理员 Admin',
    role: 'admin' as const,
    password: options.adminPassword ?? generatePassword(),
  };
  for (const person of [
    { ...admin, locale: 'zh-CN' as const },
    ...STAFF.map((s) => ({ ...s, password: generatePassword() })),
  ]) {
    await createUser(ctx, {
      workspaceId: workspace.id,
      input: {
        email: person.email,
        name: person.name,
        role: person.role,
        password: person.password,
        locale: person.locale,
      },
      actor: system,
    });
    accounts.push({ email: person.email, password: person.password, role: person.role, name: person.name });
  }
  const byRole = (role: Role) => accounts.find((a) => a.role === role)?.email as string;
  const [agent, editor, reviewer] = await Promise.all(
    [byRole('agent'), byRole('kb_editor'), byRole('kb_reviewer')].map((email) => findUserByEmail(ctx.db, email)),
  );
  if (agent) await seedSampleConversations(ctx, workspace.id, agent);
  // Published through the real review workflow: written by the editor, approved by a different reviewer.
  if (editor && reviewer) await seedDemoKnowledge(ctx, workspace.id, editor.id, reviewer.id);
  // The bot's intents, three task flows and hand-off rules; new widget conversations start with the bot.
  await seedDemoBot(ctx, workspace.id);
  return { workspaceId: workspace.id, widgetKey: workspace.widget_key, accounts };
}
