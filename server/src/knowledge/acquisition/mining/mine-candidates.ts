import type { KbLanguage } from '../../schema.ts';
import { guessLanguage } from '../import/document.ts';
import { clusterBySimilarity, overlap, questionKey, shingles } from './similarity.ts';

/** A conversation as mining reads it: who said what, in order. Internal notes are left out by the caller. */
export interface Transcript {
  conversationId: string;
  messages: { sender: 'contact' | 'agent' | 'bot' | 'system'; text: string }[];
}

/** A question customers asked and an agent answered, with every conversation it came from. */
export interface MinedCandidate {
  question: string;
  /** Other ways customers asked it (distinct, most frequent first). */
  alternates: string[];
  /** The agent answer most like the others (plain text, personal numbers masked). */
  answer: string;
  language: KbLanguage;
  /** Distinct conversations in which it was asked and answered. */
  frequency: number;
  conversationIds: string[];
}

export interface MineOptions {
  /** Questions asked in fewer conversations are left out (default 2: once is an anecdote). */
  minFrequency?: number;
  /** Overlap at which two questions are the same question (default 0.5). */
  threshold?: number;
  maxAlternates?: number;
}

interface Pair {
  conversationId: string;
  question: string;
  answer: string;
}

const SMALL_TALK =
  /^(你好|您好|在吗|在不在|hi|hello|hey|谢谢|多谢|好的|好|嗯|ok|okay|thanks|thank you|收到|明白了|知道了|再见|bye|是的|对|没有了|没了)$/i;
const AGENT_BOILERPLATE =
  /^(您好|你好|hi|hello)?[，,!！\s]*(请问)?(有什么|有啥)(可以|能)?(帮|为)(您|你)|^(请)?稍等|^正在为您|^好的[，,]?请稍|^感谢(您的)?(耐心)?等待|^how can i help|^one moment|^please hold/i;

/** Order numbers, phone numbers, card numbers, e-mail addresses: not for a knowledge base. */
export function maskPersonalData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]')
    .replace(/\d[\d -]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 6 ? '[number]' : run));
}

function isClarifyingQuestion(text: string): boolean {
  return /[?？]\s*$/.test(text) && text.length <= 40;
}

/** Customer turn → agent answer pairs of one conversation. */
export function extractPairs(transcript: Transcript): Pair[] {
  const pairs: Pair[] = [];
  const asked = new Set<string>();
  let question: string | undefined;
  let answer: string[] = [];
  const close = () => {
    if (question && answer.length > 0) {
      const key = questionKey(question);
      if (!asked.has(key)) {
        asked.add(key);
        pairs.push({
          conversationId: transcript.conversationId,
          question: maskPersonalData(question),
          answer: maskPersonalData(answer.join('\n')),
        });
      }
      question = undefined;
    }
    answer = [];
  };
  for (const message of transcript.messages) {
    const text = message.text.trim();
    if (message.sender === 'contact') {
      if (answer.length > 0) close();
      const key = questionKey(text);
      if (SMALL_TALK.test(text.replace(/[\p{P}\s]+/gu, '')) || key.length < 2) continue;
      // The question of a turn is its last real question; details sent after an agent's clarifying question keep it.
      if (!question || looksLikeQuestion(text)) question = text;
    } else if (message.sender === 'agent' && question) {
      if (AGENT_BOILERPLATE.test(text) || text.length < 4) continue;
      if (isClarifyingQuestion(text) && answer.length === 0) continue;
      answer.push(text);
    }
  }
  close();
  return pairs;
}

function looksLikeQuestion(text: string): boolean {
  return /[?？]|怎么|如何|为什么|为啥|能不能|可不可以|可以.{0,8}吗|多久|多少|哪里|什么时候|是否|有没有|\b(how|what|why|when|where|can|could|is|are|do|does)\b/i.test(
    text,
  );
}

/**
 * From agents' answered conversations to FAQ suggestions: pairs extracted, questions clustered into near-duplicates,
 * each cluster summarized by its most typical question and answer, ranked by how many conversations asked it.
 */
export function mineCandidates(transcripts: Transcript[], options: MineOptions = {}): MinedCandidate[] {
  const threshold = options.threshold ?? 0.5;
  const pairs = transcripts.flatMap(extractPairs);
  const clusters = clusterBySimilarity(pairs, (p) => shingles(p.question), threshold);
  const candidates: MinedCandidate[] = [];
  for (const members of clusters) {
    const conversationIds = [...new Set(members.map((m) => m.conversationId))];
    if (conversationIds.length < (options.minFrequency ?? 2)) continue;
    const question = mostTypical(members.map((m) => m.question));
    const counts = new Map<string, { text: string; n: number }>();
    for (const m of members) {
      const key = questionKey(m.question);
      const entry = counts.get(key) ?? { text: m.question, n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
    const alternates = [...counts.entries()]
      .filter(([key]) => key !== questionKey(question))
      .sort((a, b) => b[1].n - a[1].n)
      .map(([, v]) => v.text)
      .slice(0, options.maxAlternates ?? 10);
    candidates.push({
      question,
      alternates,
      answer: mostTypical(members.map((m) => m.answer)),
      language: guessLanguage(question),
      frequency: conversationIds.length,
      conversationIds,
    });
  }
  return candidates.sort((a, b) => b.frequency - a.frequency || a.question.localeCompare(b.question));
}

/** The medoid: the text most similar to all the others (ties: the longer, which usually says more). */
function mostTypical(texts: string[]): string {
  const signatures = texts.map((t) => shingles(t));
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < texts.length; i++) {
    let score = 0;
    for (let j = 0; j < texts.length; j++) if (i !== j) score += overlap(signatures[i]!, signatures[j]!);
    if (score > bestScore || (score === bestScore && texts[i]!.length > texts[best]!.length)) {
      best = i;
      bestScore = score;
    }
  }
  return texts[best]!;
}
