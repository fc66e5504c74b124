import { defaultTokenizer, normalize, type Token, type Understanding } from '../nlu/index.ts';

/**
 * Does the message talk about what the intent's example phrases talk about? An intent model trained on a few dozen
 * phrases per intent spreads all of its probability over the intents it knows, so a question none of them covers
 * ("可以用比特币付款吗", "你们的客服电话是多少") can still come out at 0.8 for the intent whose phrases share a
 * "可以…吗" or a "客服". The bot checks the model's pick against the words of that intent's own examples: the share of
 * the message's content words (nouns, verbs, adjectives …; not pronouns, particles, question words, light verbs or
 * recognized entities such as an order number) that occur in them, weighted by length. A low share means the model
 * is guessing: the bot does not start a flow or hand off on it, and tries the knowledge base, a question or the
 * fallback instead.
 */
export type IntentVocabulary = Map<string, Set<string>>;

/** Parts of speech that carry no topic: jieba's Chinese tags and the universal tags of the English tagger. */
const FUNCTION_TAGS = new Set([
  'r',
  'u',
  'uj',
  'ul',
  'uz',
  'ug',
  'uv',
  'ud',
  'y',
  'x',
  'w',
  'c',
  'p',
  'd',
  'm',
  'mq',
  'q',
  'e',
  'o',
  'f',
  'PRON',
  'DET',
  'ADP',
  'AUX',
  'PART',
  'CCONJ',
  'SCONJ',
  'PUNCT',
  'SYM',
  'NUM',
  'INTJ',
  'SPACE',
  'X',
]);

/** Light verbs, politeness and bare answers that any request may contain, in either language. */
const LIGHT_WORDS = new Set([
  '好',
  '好的',
  '嗯',
  '对',
  '行',
  '是的',
  '不是',
  'ok',
  'okay',
  'yes',
  'yeah',
  'no',
  '是',
  '有',
  '要',
  '会',
  '能',
  '想',
  '可以',
  '可',
  '帮',
  '请',
  '给',
  '让',
  '一下',
  '怎么',
  '怎样',
  '如何',
  '为什么',
  '什么',
  '多少',
  '吗',
  '呢',
  '吧',
  '了',
  '的',
  'be',
  'is',
  'are',
  'am',
  'was',
  'were',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'will',
  'should',
  'may',
  'please',
  'want',
  'need',
  'like',
  'get',
  'have',
  'has',
  'how',
  'what',
  'when',
  'where',
  'why',
  'who',
  'which',
]);

const CJK = /[\u3400-\u9fff]/;

function wordOf(token: Token): string | undefined {
  const word = (token.norm || token.text).toLowerCase();
  if (FUNCTION_TAGS.has(token.pos) || LIGHT_WORDS.has(word) || /\d/.test(word) || !/[\p{L}]/u.test(word)) {
    return undefined;
  }
  // Plural and past forms meet their stem ("refunds", "shipped" ~ "refund", "ship").
  return CJK.test(word) ? word : word.replace(/(?<=.{3})(es|s|ed|ing)$/, '');
}

/** The content words of each intent's examples; built once when the workspace's bot loads. */
export function intentVocabulary(examples: Array<{ intent: string; text: string }>): IntentVocabulary {
  const tokenizer = defaultTokenizer();
  const vocabulary: IntentVocabulary = new Map();
  for (const example of examples) {
    let words = vocabulary.get(example.intent);
    if (!words) {
      words = new Set();
      vocabulary.set(example.intent, words);
    }
    for (const token of tokenizer.tokenize(normalize(example.text))) {
      const word = wordOf(token);
      if (word) words.add(word);
    }
  }
  return vocabulary;
}

/**
 * The share (0..1) of the message's content that the intent's examples know, or undefined when the message has no
 * content words at all (a bare order number, "好的"): nothing there contradicts the model.
 */
export function intentSupport(
  vocabulary: IntentVocabulary,
  intent: string,
  understanding: Pick<Understanding, 'tokens' | 'entities'>,
): number | undefined {
  const known = vocabulary.get(intent);
  const entityTexts = understanding.entities.map((e) => e.text.toLowerCase());
  let total = 0;
  let covered = 0;
  for (const token of understanding.tokens) {
    const word = wordOf(token);
    if (!word || entityTexts.some((e) => e.includes(word))) continue;
    // A Chinese word weighs its characters; an English word about as much as a two-character Chinese word.
    const weight = CJK.test(word) ? word.length : 2;
    total += weight;
    if (known?.has(word)) covered += weight;
  }
  return total === 0 ? undefined : Math.round((covered / total) * 1000) / 1000;
}
