import { z } from 'zod';
import { ROLES } from '../../../security/roles.ts';

export const LoginBody = z.strictObject({
  email: z.string().trim().max(254),
  password: z.string().max(200),
});

export const Me = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    locale: z.string(),
  }),
  workspace: z.object({ id: z.string(), name: z.string(), widgetKey: z.string(), defaultLocale: z.string() }),
  csrfToken: z.string(),
});
