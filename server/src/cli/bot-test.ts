import { parse } from 'yaml';
import { z } from 'zod';
import { settleBotTurns } from '../conversations/bot-turns.ts';
import { identifyVisitor } from '../conversations/commands/identify-visitor.ts';
import { receiveAndAnswer } from '../conversations/commands/receive-customer-message.ts';
import { listMessages } from '../conversations/message-store.ts';
import type { MessageRecord } from '../conversations/schema.ts';
import type { ServiceContext } from '../platform/context.ts';

/** The file format of `lingxi bot test`: scripted dialogues, each turn with what the bot must do. */
const Expectation = z.strictObject({
  decision: z.string().optional(),
  reason: z.string().optional(),
  flow: z.string().optional(),
  step: z.string().optional(),
  handoff: z.string().optional(),
  answer: z.string().optional(),
  replyContains: z.string().optional(),
});
export const BotTestFile = z.strictObject({
  locale: z.string().optional(),
  dialogues: z
    .array(
      z.strictObject({
        name: z.string(),
        locale: z.string().optional(),
        turns: z.array(z.strictObject({ say: z.string().min(1), expect: Expectation })).min(1),
      }),
    )
    .min(1),
});

export interface TurnResult {
  dialogue: string;
  say: string;
  passed: boolean;
  problems: string[];
  got: { decision?: string; reason?: string; replies: string[] };
}

/** Parses YAML (or JSON); a broken file is an error naming the problem, before anything runs. */
export function parseBotTests(text: string): z.infer<typeof BotTestFile> {
  return BotTestFile.parse(parse(text));
}

/** Runs every dialogue with a fresh customer through the real message path and judges each turn. */
export async function runBotTests(ctx: ServiceContext, workspaceId: string, tests: z.infer<typeof BotTestFile>) {
  const results: TurnResult[] = [];
  for (const dialogue of tests.dialogues) {
    const visitor = await identifyVisitor(ctx, { workspaceId, locale: dialogue.locale ?? tests.locale ?? 'zh-CN' });
    let index = 0;
    for (const turn of dialogue.turns) {
      const received = await receiveAndAnswer(ctx, {
        workspaceId,
        target: { inboxId: visitor.inbox.id, contactId: visitor.contact.id },
        sender: { type: 'contact', id: visitor.contact.id },
        actor: { type: 'contact', id: visitor.contact.id },
        clientMessageId: `bot-test-${index++}`,
        text: turn.say,
      });
      await received.botTurn;
      await settleBotTurns(ctx);
      const all = await listMessages(ctx.db, workspaceId, received.conversation.id, { includePrivate: false });
      const replies = all.filter((m) => m.clientMessageId.startsWith(`bot-${received.message.id}-`));
      results.push(judge(dialogue.name, turn.say, turn.expect, replies));
    }
  }
  return results;
}

function judge(
  dialogue: string,
  say: string,
  expect: z.infer<typeof Expectation>,
  replies: MessageRecord[],
): TurnResult {
  const bot = (replies[0]?.meta.bot ?? {}) as { decision?: string; reason?: string };
  const reason = bot.reason ?? '';
  const problems: string[] = [];
  const want = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (expect.decision) want(bot.decision === expect.decision, `decision ${expect.decision}`);
  if (expect.reason) want(reason === expect.reason, `reason ${expect.reason}`);
  if (expect.flow) want(reason.startsWith(`flow:${expect.flow}:`), `flow ${expect.flow}`);
  if (expect.step) want(reason.endsWith(`:${expect.step}`), `step ${expect.step}`);
  if (expect.handoff) {
    want(
      replies.some((m) => (m.meta.bot as { handoff?: string } | undefined)?.handoff === expect.handoff),
      `hand-off ${expect.handoff}`,
    );
  }
  if (expect.answer) {
    const cards = replies.flatMap((m) =>
      Array.isArray(m.meta.cards) ? (m.meta.cards as Array<{ articleId?: string; title?: string }>) : [],
    );
    want(
      bot.decision === 'answer' && cards.some((c) => c.articleId === expect.answer || c.title === expect.answer),
      `answer ${expect.answer}`,
    );
  }
  if (expect.replyContains)
    want(
      replies.some((m) => m.text.includes(expect.replyContains as string)),
      `reply containing "${expect.replyContains}"`,
    );
  if (replies.length === 0) problems.push('a reply (the bot said nothing)');
  return {
    dialogue,
    say,
    passed: problems.length === 0,
    problems,
    got: { decision: bot.decision, reason, replies: replies.map((m) => m.text) },
  };
}

export function formatReport(results: TurnResult[]): string {
  const lines: string[] = [];
  let current = '';
  for (const r of results) {
    if (r.dialogue !== current) {
      current = r.dialogue;
      lines.push(`\n${current}`);
    }
    lines.push(`  ${r.passed ? 'PASS' : 'FAIL'}  ${r.say}`);
    if (!r.passed) {
      lines.push(`        expected ${r.problems.join(', ')}`);
      lines.push(
        `        got ${r.got.decision ?? '-'} (${r.got.reason || '-'}): ${r.got.replies.join(' / ').slice(0, 200)}`,
      );
    }
  }
  const passed = results.filter((r) => r.passed).length;
  lines.push(`\n${passed}/${results.length} turns passed, ${results.length - passed} failed`);
  return lines.join('\n');
}
