import type { Bilingual } from './schema.ts';
import { TEXTS } from './texts.ts';

/**
 * Greetings, thanks and goodbyes in Chinese and English. Matched on the whole (short) message, so "谢谢，但我的订单
 * 还没到" is not small talk; a trained intent of the same name counts too (see policy.ts).
 */
export type SmallTalk = 'greeting' | 'thanks' | 'goodbye';

const PATTERNS: Array<[SmallTalk, RegExp]> = [
  [
    'greeting',
    /^(你好|您好|在吗|在不在|哈喽|嗨|喂|早上好|下午好|晚上好|hello|hi|hey|hi there|good (morning|afternoon|evening))[\s,，.。!！~～?？]*$/i,
  ],
  [
    'thanks',
    /^(谢谢|谢谢你|谢谢您|多谢|感谢|好的谢谢|好的，谢谢|thanks|thank you|thx|ty|thanks a lot|thank you so much)[\s,，.。!！~～]*$/i,
  ],
  ['goodbye', /^(再见|拜拜|88|没事了|没有了|没问题了|bye|goodbye|bye bye|see you|that'?s all)[\s,，.。!！~～]*$/i],
];

export function smallTalkOf(text: string, intent: string | undefined): SmallTalk | undefined {
  const t = text.trim();
  for (const [kind, pattern] of PATTERNS) if (pattern.test(t)) return kind;
  if (intent === 'greeting' || intent === 'thanks' || intent === 'goodbye') return t.length <= 20 ? intent : undefined;
  return undefined;
}

export const SMALL_TALK_REPLIES: Record<SmallTalk, Bilingual> = {
  greeting: TEXTS.greeting,
  thanks: TEXTS.thanks,
  goodbye: TEXTS.goodbye,
};
