import { newId } from '../server/src/platform/ids.ts';

/**
 * Generated reporting events for the analytics benchmark: conversations spread over `days`, each with its opening,
 * messages, status changes and sometimes a survey, written conversation after conversation in time order (as ids
 * would interleave only a little in production). Deterministic for a seed.
 */
export interface GeneratedEvent {
  id: string;
  workspace_id: string;
  type: string;
  conversation_id: string;
  actor_type: string;
  actor_id: string | null;
  data: string;
  at: number;
}

export interface GeneratorOptions {
  workspaceId: string;
  conversations: number;
  messagesPerConversation: number;
  agents: number;
  days: number;
  end: number;
  seed?: number;
}

const CHANNELS = ['web', 'api', 'wechat', 'email'];
const TEAMS = ['pre_sales', 'after_sales', 'complaints', 'billing', 'logistics', 'vip'];
const INTENTS = Array.from({ length: 30 }, (_, i) => `intent_${String(i).padStart(2, '0')}`);
const TIERS = ['new', 'regular', 'vip'];

function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** Yields events in chunks (arrays of rows) so the caller inserts in batches without holding them all. */
export function* generateEvents(options: GeneratorOptions, chunkSize = 20_000): Generator<GeneratedEvent[]> {
  const rand = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const span = options.days * 86_400_000;
  const agents = Array.from({ length: options.agents }, (_, i) => `usr_bench_agent_${String(i).padStart(3, '0')}`);
  let chunk: GeneratedEvent[] = [];
  const push = (conversationId: string, type: string, at: number, data: object, actor = 'system') => {
    chunk.push({
      id: newId('evt'),
      workspace_id: options.workspaceId,
      type,
      conversation_id: conversationId,
      actor_type: actor,
      actor_id: null,
      data: JSON.stringify(data),
      at: Math.round(at),
    });
  };
  for (let c = 0; c < options.conversations; c++) {
    const id = `conv_bench${String(c).padStart(10, '0')}`;
    // Conversations start in time order, as they arrive in production (a few minutes of jitter).
    let t = options.end - span + (c / options.conversations) * span + rand() * 300_000;
    const bot = rand() < 0.7;
    const language = rand() < 0.8 ? 'zh' : 'en';
    push(id, 'conversation.opened', t, {
      status: bot ? 'bot' : 'queued',
      channel: pick(CHANNELS),
      language,
      tier: pick(TIERS),
    });
    const intent = pick(INTENTS);
    const handOff = !bot || rand() < 0.35;
    const agent = pick(agents);
    let seq = 0;
    let status = bot ? 'bot' : 'queued';
    const half = Math.floor(options.messagesPerConversation / 2);
    for (let m = 0; m < options.messagesPerConversation; m++) {
      const fromCustomer = m % 2 === 0;
      if (m === half && handOff && status === 'bot') {
        push(id, 'conversation.transitioned', t, { from: 'bot', to: 'queued', reason: 'handoff:consecutive_misses' });
        status = 'queued';
      }
      if (status === 'queued' && !fromCustomer && handOff) {
        t += rand() * 120_000;
        push(id, 'conversation.transitioned', t, {
          from: 'queued',
          to: 'assigned',
          assigneeId: agent,
          team: pick(TEAMS),
        });
        push(id, 'routing.assigned', t, { agentId: agent, team: pick(TEAMS), channel: pick(CHANNELS) });
        status = 'assigned';
      }
      const sender = fromCustomer ? 'contact' : status === 'assigned' ? 'agent' : 'bot';
      t += fromCustomer ? rand() * 60_000 : rand() * 20_000;
      push(id, 'message.created', t, {
        messageId: `${id}_m${seq}`,
        seq: ++seq,
        senderType: sender,
        private: false,
        chars: 20,
        language,
        ...(fromCustomer ? { sentiment: Math.round((rand() * 2 - 1) * 100) / 100 } : {}),
      });
      if (bot && m === 0) {
        const outcome = rand() < 0.75 ? 'answered' : rand() < 0.5 ? 'not_understood' : 'knowledge_gap';
        push(id, 'bot.turn', t, { intent, outcome, decision: outcome === 'answered' ? 'answer' : 'fallback' }, 'bot');
      }
    }
    if (rand() < 0.85) {
      t += rand() * 600_000;
      push(id, 'conversation.transitioned', t, { from: status, to: 'resolved', reason: 'manual', assigneeId: agent });
      if (rand() < 0.3)
        push(id, 'survey.submitted', t + 30_000, { csat: 1 + Math.floor(rand() * 5), nps: Math.floor(rand() * 11) });
    } else if (status === 'queued') {
      push(id, 'conversation.transitioned', t + 900_000, { from: 'queued', to: 'closed', reason: 'inactivity' });
    }
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
