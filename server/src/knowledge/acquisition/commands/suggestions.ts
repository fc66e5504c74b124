import type { ServiceContext } from '../../../platform/context.ts';
import { fromJson, toJson } from '../../../platform/db/dialect.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { createArticle } from '../../commands/create-article.ts';
import { type KbActor, MAX_ALTERNATES, MAX_TITLE_LENGTH } from '../../schema.ts';
import { plainTextToHtml } from '../import/text-html.ts';
import { joinTransaction } from '../join-transaction.ts';
import type { MinedCandidate } from '../mining/mine-candidates.ts';
import { overlap, shingles } from '../mining/similarity.ts';
import {
  findSuggestion,
  insertSuggestion,
  listSuggestionQuestions,
  type SuggestionRecord,
  updateSuggestion,
} from '../suggestion-store.ts';

/** Overlap at which a mined question is one already queued or decided. */
const SAME_QUESTION = 0.6;
const MAX_CONVERSATION_LINKS = 200;

/**
 * Puts mined candidates in the review queue. One already pending is refreshed (its count and source conversations);
 * one an editor already accepted or rejected is not suggested again.
 */
export async function queueSuggestions(ctx: ServiceContext, workspaceId: string, candidates: MinedCandidate[]) {
  const known = (await listSuggestionQuestions(ctx.db, workspaceId)).map((row) => ({
    ...row,
    signature: shingles(`${row.question} ${fromJson<string[]>(row.alternates, []).join(' ')}`),
  }));
  const now = ctx.clock.now();
  let created = 0;
  let refreshed = 0;
  for (const candidate of candidates) {
    const signature = shingles(candidate.question);
    const match = known.find(
      (k) =>
        overlap(signature, k.signature) >= SAME_QUESTION || overlap(signature, shingles(k.question)) >= SAME_QUESTION,
    );
    if (match && match.status !== 'pending') continue;
    if (match) {
      const ids = [...new Set([...candidate.conversationIds, ...fromJson<string[]>(match.conversation_ids, [])])].slice(
        0,
        MAX_CONVERSATION_LINKS,
      );
      await updateSuggestion(
        ctx.db,
        workspaceId,
        match.id,
        { frequency: ids.length, conversation_ids: toJson(ids), updated_at: now },
        'pending',
      );
      refreshed++;
      continue;
    }
    const row = await insertSuggestion(ctx.db, {
      id: newId('kbsg'),
      workspace_id: workspaceId,
      origin: 'mined',
      language: candidate.language,
      question: candidate.question.slice(0, MAX_TITLE_LENGTH),
      alternates: toJson(candidate.alternates.map((q) => q.slice(0, MAX_TITLE_LENGTH)).slice(0, MAX_ALTERNATES)),
      answer: candidate.answer,
      frequency: candidate.frequency,
      conversation_ids: toJson(candidate.conversationIds.slice(0, MAX_CONVERSATION_LINKS)),
      status: 'pending',
      article_id: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    });
    known.push({
      id: row.id,
      question: row.question,
      alternates: toJson(row.alternates),
      status: 'pending',
      conversation_ids: '[]',
      signature,
    });
    created++;
  }
  return { created, refreshed };
}

export interface DecideSuggestionOptions {
  workspaceId: string;
  suggestionId: string;
  actor: KbActor;
  /** The editor's corrections before it becomes a draft. */
  edits?: { question?: string; answer?: string; alternates?: string[]; categoryId?: string | null };
}

/** Accepting makes a FAQ draft (never a published article): it goes through review like any other. */
export async function acceptSuggestion(
  ctx: ServiceContext,
  options: DecideSuggestionOptions,
): Promise<SuggestionRecord> {
  const { workspaceId, suggestionId, actor, edits = {} } = options;
  const suggestion = await pendingSuggestion(ctx, workspaceId, suggestionId);
  return ctx.db.transaction().execute(async (trx) => {
    const inTrx = { ...ctx, db: joinTransaction(trx) };
    const article = await createArticle(inTrx, {
      workspaceId,
      input: {
        kind: 'faq',
        language: suggestion.language,
        title: edits.question ?? suggestion.question,
        alternates: edits.alternates ?? suggestion.alternates,
        answer: edits.answer ?? plainTextToHtml(suggestion.answer),
        categoryId: edits.categoryId ?? null,
        note: `Suggested from ${suggestion.frequency} conversation(s)`,
      },
      actor,
      source: { type: 'suggestion', suggestionId, conversationIds: suggestion.conversationIds.slice(0, 20) },
    });
    const now = ctx.clock.now();
    const decided = await updateSuggestion(
      trx,
      workspaceId,
      suggestionId,
      { status: 'accepted', article_id: article.id, decided_by: actor.id, decided_at: now, updated_at: now },
      'pending',
    );
    if (!decided) throw alreadyDecided();
    return (await findSuggestion(trx, workspaceId, suggestionId)) as SuggestionRecord;
  });
}

/** Rejecting keeps the suggestion (so mining does not raise it again) but out of the queue. */
export async function rejectSuggestion(
  ctx: ServiceContext,
  options: DecideSuggestionOptions,
): Promise<SuggestionRecord> {
  const { workspaceId, suggestionId, actor } = options;
  await pendingSuggestion(ctx, workspaceId, suggestionId);
  const now = ctx.clock.now();
  const decided = await updateSuggestion(
    ctx.db,
    workspaceId,
    suggestionId,
    { status: 'rejected', decided_by: actor.id, decided_at: now, updated_at: now },
    'pending',
  );
  if (!decided) throw alreadyDecided();
  return (await findSuggestion(ctx.db, workspaceId, suggestionId)) as SuggestionRecord;
}

async function pendingSuggestion(ctx: ServiceContext, workspaceId: string, suggestionId: string) {
  const suggestion = await findSuggestion(ctx.db, workspaceId, suggestionId);
  if (!suggestion) throw notFound('Suggestion');
  if (suggestion.status !== 'pending') throw alreadyDecided();
  return suggestion;
}

const alreadyDecided = () =>
  new AppError('conflict', 'This suggestion was already accepted or rejected', {
    details: { reason: 'already_decided' },
  });
