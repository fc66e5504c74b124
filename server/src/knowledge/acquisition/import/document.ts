import { basename, extname } from 'node:path';
import { detectLanguage } from '../../../nlu/index.ts';
import { type KbLanguage, MAX_TITLE_LENGTH } from '../../schema.ts';

export function guessLanguage(text: string): KbLanguage {
  return detectLanguage(text.slice(0, 2_000)) === 'en' ? 'en' : 'zh';
}

/** "售后政策_v2.docx" → "售后政策 v2": the title of a document that names none itself. */
export function titleFromFileName(fileName: string): string {
  const stem = basename(fileName, extname(fileName)).replace(/[_]+/g, ' ').trim();
  return (stem || 'Untitled').slice(0, MAX_TITLE_LENGTH);
}

/** A title from a document's text: its first heading or first line, cut to the title length. */
export function titleFromText(text: string, fallback: string): string {
  const first = text
    .split('\n')
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .find((l) => l !== '');
  return (first ?? fallback).slice(0, Math.min(MAX_TITLE_LENGTH, 120));
}
