/** The knowledge screens' texts in both languages. One key set: `en` must match `zh` key for key. */
import { en } from './kb-messages-en.ts';
import { zh } from './kb-messages-zh.ts';

export type KbMessageKey = keyof typeof zh;
export type KbDictionary = Record<KbMessageKey, string>;

export const kbDictionaries: Record<'zh-CN' | 'en', KbDictionary> = { 'zh-CN': zh, en };
