import { z } from 'zod';
import { ROLES } from '../../../security/roles.ts';
import { IdOf } from '../../schemas.ts';

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  locale: z.string(),
  disabled: z.boolean(),
  createdAt: z.number(),
});

export const UserParams = z.strictObject({ userId: IdOf('usr') });

export const UpdateUserBody = z
  .strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, 'give role or disabled');

export function presentUser(user: {
  id: string;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  locale: string;
  disabled: number;
  created_at: number;
}): z.infer<typeof UserView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    disabled: user.disabled === 1,
    createdAt: user.created_at,
  };
}
