import type { ServiceContext } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/dialect.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { appendReportingEvent } from '../../platform/reporting.ts';
import { WIDGET_SURVEY_ID } from '../record-transition.ts';
import { findConversation } from '../store.ts';

export interface SurveyTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  contact_id: string;
  csat: number;
  nps: number | null;
  comment: string | null;
  created_at: number;
}

declare module '../../platform/db/tables.ts' {
  interface Tables {
    surveys: SurveyTable;
  }
}

export interface SubmitSurveyOptions {
  workspaceId: string;
  contactId: string;
  conversationId: string;
  /** 1–5. */
  csat: number;
  /** 0–10, optional. */
  nps?: number | null;
  comment?: string | null;
}

export const SURVEY_SUBMITTED = 'survey.submitted';

/**
 * The customer rates a resolved (or closed) conversation of theirs, once. Another customer's conversation is a 404;
 * a second answer is a 409; the survey and its reporting event commit together, then `survey.submitted` goes out.
 */
export async function submitSurvey(ctx: ServiceContext, options: SubmitSurveyOptions) {
  const conversation = await findConversation(ctx.db, options.workspaceId, options.conversationId);
  if (!conversation || conversation.contactId !== options.contactId) throw notFound('Conversation');
  if (conversation.status !== 'resolved' && conversation.status !== 'closed') {
    throw new AppError('conflict', 'A conversation is rated once it is resolved', {
      details: { status: conversation.status },
    });
  }
  const now = ctx.clock.now();
  const row: SurveyTable = {
    id: newId('srv'),
    workspace_id: options.workspaceId,
    conversation_id: conversation.id,
    contact_id: options.contactId,
    csat: options.csat,
    nps: options.nps ?? null,
    comment: options.comment?.trim() || null,
    created_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('surveys').values(row).execute();
      await appendReportingEvent(trx, {
        workspaceId: options.workspaceId,
        type: SURVEY_SUBMITTED,
        conversationId: conversation.id,
        actor: { type: 'contact', id: options.contactId },
        data: {
          surveyId: WIDGET_SURVEY_ID,
          csat: row.csat,
          nps: row.nps,
          commented: row.comment !== null,
          comment: row.comment?.slice(0, 1000) ?? null,
          assigneeId: conversation.assigneeId,
        },
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'This conversation was rated already');
    throw error;
  }
  const survey = {
    id: row.id,
    conversationId: row.conversation_id,
    csat: row.csat,
    nps: row.nps,
    comment: row.comment,
    createdAt: now,
  };
  try {
    await ctx.bus.publish(SURVEY_SUBMITTED, {
      type: SURVEY_SUBMITTED,
      workspaceId: options.workspaceId,
      id: newId('evt'),
      at: now,
      payload: { survey },
    });
  } catch (error) {
    ctx.logger.error({ err: error }, 'could not publish survey.submitted');
  }
  return survey;
}
