import { AppError } from '../platform/errors.ts';
import type { ArticleStatus } from './schema.ts';

/** The review actions and where each may start; editing (a new version) returns any article to `draft`. */
export const REVIEW_ACTIONS = ['submit', 'withdraw', 'reject', 'publish', 'archive'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * The review workflow as data: draft → in_review → published → archived. A reviewer rejects back to draft; the
 * author may withdraw a submission; anything may be archived. Publishing needs a review first: a draft cannot skip it.
 */
export const REVIEW_MOVES: Readonly<Record<ReviewAction, { from: readonly ArticleStatus[]; to: ArticleStatus }>> = {
  submit: { from: ['draft'], to: 'in_review' },
  withdraw: { from: ['in_review'], to: 'draft' },
  reject: { from: ['in_review'], to: 'draft' },
  publish: { from: ['in_review'], to: 'published' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived' },
};

export function assertReviewMove(action: ReviewAction, from: ArticleStatus): ArticleStatus {
  const move = REVIEW_MOVES[action];
  if (!move.from.includes(from)) {
    throw new AppError('illegal_transition', `Cannot ${action} an article that is ${from}`, {
      details: { action, from, allowedFrom: move.from },
    });
  }
  return move.to;
}
