import { describe, expect, it } from 'vitest';
import { isApiErrorBody, type MessageView, mergeMessages } from './api-types.ts';
import { newClientMessageId } from './client-id.ts';
import { localeFromLanguage } from './locale.ts';

const base: MessageView = {
  id: 'msg_1',
  conversationId: 'conv_a',
  seq: 1,
  senderType: 'contact',
  senderId: null,
  clientMessageId: 'c1',
  text: '你好',
  private: false,
  createdAt: 1,
};

describe('mergeMessages', () => {
  it('keeps each id once and sorts by seq within a conversation', () => {
    const second = { ...base, id: 'msg_2', seq: 2, text: 'hello' };
    const merged = mergeMessages([second], [base, second, base]);
    expect(merged.map((m) => m.id)).toEqual(['msg_1', 'msg_2']);
  });
});

describe('localeFromLanguage', () => {
  it('is Chinese unless the browser asks for English', () => {
    expect(localeFromLanguage('en-US')).toBe('en');
    expect(localeFromLanguage('EN')).toBe('en');
    expect(localeFromLanguage('zh-TW')).toBe('zh-CN');
    expect(localeFromLanguage('ja')).toBe('zh-CN');
    expect(localeFromLanguage(undefined)).toBe('zh-CN');
  });
});

describe('newClientMessageId', () => {
  it('gives distinct ids the server accepts (1..64 of [A-Za-z0-9_-])', () => {
    const ids = new Set(Array.from({ length: 100 }, newClientMessageId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('isApiErrorBody', () => {
  it('recognises the API error shape only', () => {
    expect(isApiErrorBody({ error: { code: 'not_found', message: '会话不存在' } })).toBe(true);
    expect(isApiErrorBody({ error: 'x' })).toBe(false);
    expect(isApiErrorBody(null)).toBe(false);
  });
});
