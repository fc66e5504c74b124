import { z } from 'zod';
import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../passwords.ts';
import type { Principal } from '../principal.ts';
import { actorOf } from '../principal.ts';
import { ROLES } from '../roles.ts';

export const CreateUserInput = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export interface CreateUserOptions {
  workspaceId: string;
  input: CreateUserInput;
  actor: Principal;
  ip?: string | null;
}

export async function createUser(ctx: Pick<ServiceContext, 'db' | 'clock'>, options: CreateUserOptions) {
  const now = ctx.clock.now();
  const user = {
    id: newId('usr'),
    workspace_id: options.workspaceId,
    email: options.input.email,
    name: options.input.name,
    role: options.input.role,
    password_hash: await hashPassword(options.input.password),
    locale: options.input.locale,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.insertInto('users').values(user).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'A user with this e-mail already exists');
    throw error;
  }
  await recordAudit(ctx.db, {
    workspaceId: options.workspaceId,
    actor: actorOf(options.actor),
    action: 'user.created',
    target: { type: 'user', id: user.id },
    ip: options.ip,
    details: { email: user.email, role: user.role },
    at: now,
  });
  return user;
}
