import type { ServiceContext } from '../../../platform/context.ts';
import type { KbLanguage } from '../../schema.ts';
import { type GapStatus, listGapQuestions, listGapRows } from '../gap-store.ts';

const DAY = 86_400_000;

export interface GapView {
  id: string;
  /** The question that opened the gap, which names it. */
  question: string;
  language: KbLanguage;
  status: GapStatus;
  /** Questions logged into this gap in all. */
  count: number;
  /** Of which the bot had no answer at all (the rest: answered with low confidence). */
  unansweredCount: number;
  firstAt: number;
  lastAt: number;
  /** The latest distinct questions, with their conversations. */
  examples: { question: string; conversationId: string | null; confidence: number | null; at: number }[];
  /** Questions per day over the trend window, oldest day first (days end at the workspace clock's now). */
  trend: number[];
  /** The second half of the window against the first: rising, falling or steady. */
  direction: 'rising' | 'falling' | 'steady';
}

export interface ListGapsOptions {
  status?: GapStatus;
  limit?: number;
  /** Days in the trend (default 14). */
  days?: number;
}

/** The knowledge gaps of a workspace, most asked first, each with examples and a daily trend. */
export async function listGaps(
  ctx: ServiceContext,
  workspaceId: string,
  options: ListGapsOptions = {},
): Promise<GapView[]> {
  const days = Math.min(Math.max(options.days ?? 14, 2), 90);
  const now = ctx.clock.now();
  const since = now - days * DAY;
  const rows = await listGapRows(ctx.db, workspaceId, {
    status: options.status ?? 'open',
    limit: Math.min(options.limit ?? 50, 200),
  });
  const questions = await listGapQuestions(
    ctx.db,
    workspaceId,
    rows.map((r) => r.id),
    since,
  );
  return rows.map((row) => {
    const mine = questions.filter((q) => q.gap_id === row.id);
    const trend = new Array<number>(days).fill(0);
    for (const q of mine) {
      const dayIndex = days - 1 - Math.floor((now - q.at) / DAY);
      if (dayIndex >= 0 && dayIndex < days) trend[dayIndex]!++;
    }
    const half = Math.floor(days / 2);
    const before = trend.slice(0, days - half).reduce((a, b) => a + b, 0);
    const after = trend.slice(days - half).reduce((a, b) => a + b, 0);
    const direction =
      after > before * 1.25 && after - before >= 2
        ? 'rising'
        : before > after * 1.25 && before - after >= 2
          ? 'falling'
          : 'steady';
    const seen = new Set<string>();
    const examples = [];
    for (const q of mine) {
      if (seen.has(q.question) || examples.length >= 5) continue;
      seen.add(q.question);
      examples.push({
        question: q.question,
        conversationId: q.conversation_id,
        confidence: q.confidence === null ? null : Number(q.confidence),
        at: q.at,
      });
    }
    return {
      id: row.id,
      question: row.question,
      language: row.language,
      status: row.status,
      count: row.count,
      unansweredCount: row.unanswered_count,
      firstAt: row.first_at,
      lastAt: row.last_at,
      examples,
      trend,
      direction,
    };
  });
}
