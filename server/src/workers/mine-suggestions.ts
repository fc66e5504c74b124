import { listMessages } from '../conversations/message-store.ts';
import { listConversations } from '../conversations/store.ts';
import { queueSuggestions } from '../knowledge/acquisition/commands/suggestions.ts';
import {
  type MinedCandidate,
  mineCandidates,
  type Transcript,
} from '../knowledge/acquisition/mining/mine-candidates.ts';
import { searchKnowledge } from '../knowledge/search-knowledge.ts';
import type { ServiceContext } from '../platform/context.ts';

const DAY = 86_400_000;

export interface MineWorkspaceOptions {
  /** Conversations resolved or closed in this many days (default 30). */
  days?: number;
  /** Newest conversations read at most (default 2,000). */
  maxConversations?: number;
  /** A candidate the knowledge base answers with at least this confidence is not suggested (default 0.5). */
  answeredConfidence?: number;
  minFrequency?: number;
}

export interface MiningReport {
  conversations: number;
  candidates: number;
  alreadyAnswered: number;
  created: number;
  refreshed: number;
}

/**
 * Mining, composed: reads resolved conversations through the conversations module's store, mines them with the
 * knowledge module's pure mineCandidates, leaves out what the knowledge base already answers (searchKnowledge over
 * what is published), and queues the rest as suggestions linked to their conversations.
 */
export async function mineWorkspace(
  ctx: ServiceContext,
  workspaceId: string,
  options: MineWorkspaceOptions = {},
): Promise<MiningReport> {
  const since = ctx.clock.now() - (options.days ?? 30) * DAY;
  const max = options.maxConversations ?? 2_000;
  const transcripts: Transcript[] = [];
  for (const status of ['resolved', 'closed'] as const) {
    let before: string | undefined;
    while (transcripts.length < max) {
      const page = await listConversations(ctx.db, workspaceId, { status, before, limit: 200 });
      if (page.length === 0) break;
      for (const { conversation } of page) {
        if (conversation.updatedAt < since || transcripts.length >= max) continue;
        const messages = await listMessages(ctx.db, workspaceId, conversation.id, {
          includePrivate: false,
          limit: 500,
        });
        // Only conversations in which a person answered: the bot's own answers are already knowledge.
        if (!messages.some((m) => m.senderType === 'agent')) continue;
        transcripts.push({
          conversationId: conversation.id,
          messages: messages.map((m) => ({ sender: m.senderType, text: m.text })),
        });
      }
      before = page.at(-1)?.conversation.id;
      if (page.length < 200 || (page.at(-1)?.conversation.updatedAt ?? 0) < since) break;
    }
  }
  const mined = mineCandidates(transcripts, { minFrequency: options.minFrequency });
  const fresh: MinedCandidate[] = [];
  for (const candidate of mined) {
    const [best] = await searchKnowledge(ctx, workspaceId, candidate.question, {
      limit: 1,
      language: candidate.language,
    });
    if (best && best.confidence >= (options.answeredConfidence ?? 0.5)) continue;
    fresh.push(candidate);
  }
  const queued = await queueSuggestions(ctx, workspaceId, fresh);
  return {
    conversations: transcripts.length,
    candidates: mined.length,
    alreadyAnswered: mined.length - fresh.length,
    ...queued,
  };
}
