import { z } from 'zod';
import { submitSurvey } from '../../../conversations/commands/submit-survey.ts';
import { errorResponses, IdOf } from '../../schemas.ts';
import type { App, AppDeps } from '../../types.ts';
import { visitorOf } from './visitor.ts';

const SurveyBody = z.strictObject({
  conversationId: IdOf('conv'),
  csat: z.number().int().min(1).max(5),
  nps: z.number().int().min(0).max(10).nullable().optional(),
  comment: z
    .string()
    .max(2000)
    .refine((s) => s.isWellFormed(), 'malformed Unicode')
    .nullable()
    .optional(),
});
const SurveyView = z.object({
  id: z.string(),
  conversationId: z.string(),
  csat: z.number(),
  nps: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.number(),
});

/** `POST /api/v1/widget/survey`: the customer rates their resolved conversation (CSAT 1–5, optional NPS 0–10, comment). */
export async function widgetSurveyRoutes(app: App, deps: AppDeps): Promise<void> {
  app.post(
    '/api/v1/widget/survey',
    {
      config: { policy: 'widget.converse' },
      schema: { tags: ['widget'], body: SurveyBody, response: { 201: SurveyView, ...errorResponses } },
    },
    async (request, reply) => {
      const visitor = visitorOf(request.principal);
      const survey = await submitSurvey(deps.ctx, {
        workspaceId: visitor.workspaceId,
        contactId: visitor.contactId,
        ...request.body,
      });
      return reply.status(201).send(survey);
    },
  );
}
