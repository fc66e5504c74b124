import type { Dimension } from './definitions.ts';
import type { Executor } from './executor.ts';
import type { ConversationFact } from './fact.ts';

const COLUMNS: Array<[string, (f: ConversationFact) => unknown]> = [
  ['conversation_id', (f) => f.conversationId],
  ['started_at', (f) => new Date(f.startedAt).toISOString()],
  ['ended_at', (f) => (f.endedAt === null ? '' : new Date(f.endedAt).toISOString())],
  ['status', (f) => f.status],
  ['channel', (f) => f.channel],
  ['team', (f) => f.team],
  ['agent', (f) => f.agent],
  ['intent', (f) => f.intent],
  ['language', (f) => f.language],
  ['tier', (f) => f.tier],
  ['customer_messages', (f) => f.customerMessages],
  ['bot_involved', (f) => f.botInvolved],
  ['bot_first_response_s', (f) => seconds(f.botFrtMs)],
  ['needed_human', (f) => f.neededHuman],
  ['human_first_response_s', (f) => seconds(f.humanFrtMs)],
  ['queue_wait_s', (f) => seconds(f.waitMs)],
  ['handle_time_s', (f) => seconds(f.handleMs)],
  ['resolved', (f) => f.resolved],
  ['first_contact_resolved', (f) => f.fcr],
  ['bot_contained', (f) => f.contained],
  ['handed_off', (f) => f.handedOff],
  ['handoff_reason', (f) => f.handoffReason],
  ['abandoned', (f) => f.abandoned],
  ['service_level_met', (f) => f.answeredInTarget ?? ''],
  ['sla_met', (f) => f.slaMet ?? ''],
  ['csat', (f) => f.csat ?? ''],
  ['nps', (f) => f.nps ?? ''],
  ['survey_comment', (f) => f.surveyComment],
  ['sentiment_first', (f) => f.sentimentFirst ?? ''],
  ['sentiment_last', (f) => f.sentimentLast ?? ''],
  ['reopens', (f) => f.reopens],
  ['knowledge_gap', (f) => f.knowledgeGap],
  ['bot_failure', (f) => f.botFailure],
];

const seconds = (ms: number | null): string => (ms === null ? '' : (ms / 1000).toFixed(1));

/**
 * One CSV field. Quotes when needed, and defuses spreadsheet formulas: a customer's comment starting with `=` must
 * not run in the manager's Excel.
 */
export function csvField(value: unknown): string {
  let text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface ExportQuery {
  workspaceId: string;
  from: number;
  to: number;
  filter?: { dim: Dimension; value: string };
}

/**
 * One row per conversation, oldest first, read a page at a time by keyset so memory stays flat however long the range.
 * Starts with a UTF-8 BOM so Excel opens Chinese text correctly.
 */
export async function* exportConversationsCsv(db: Executor, q: ExportQuery, pageSize = 1000): AsyncGenerator<string> {
  yield `\uFEFF${COLUMNS.map(([name]) => name).join(',')}\r\n`;
  let after: [number, string] | undefined;
  for (;;) {
    let query = db
      .selectFrom('analytics_facts')
      .select(['fact', 'started_at', 'conversation_id'])
      .where('workspace_id', '=', q.workspaceId)
      .where('started_at', '>=', q.from)
      .where('started_at', '<', q.to);
    if (q.filter) query = query.where(q.filter.dim, '=', q.filter.value);
    if (after) {
      const [at, id] = after;
      query = query.where((eb) =>
        eb.or([eb('started_at', '>', at), eb.and([eb('started_at', '=', at), eb('conversation_id', '>', id)])]),
      );
    }
    const rows = await query.orderBy('started_at').orderBy('conversation_id').limit(pageSize).execute();
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) {
      const fact = JSON.parse(row.fact) as ConversationFact;
      chunk += `${COLUMNS.map(([, read]) => csvField(read(fact))).join(',')}\r\n`;
    }
    yield chunk;
    const last = rows[rows.length - 1] as { started_at: number; conversation_id: string };
    after = [Number(last.started_at), last.conversation_id];
    if (rows.length < pageSize) return;
  }
}
