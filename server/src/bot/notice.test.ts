import { describe, expect, it } from 'vitest';
import { handoffNotice } from './notice.ts';
import { BotSettings } from './schema.ts';

const settings = BotSettings.parse({});

describe('the hand-off notice', () => {
  it('tells the place in line the same way in both languages (1 = next, nobody ahead)', () => {
    const next = { team: 'customer_care', online: 1, position: 1 };
    const zh = handoffNotice(settings, 'zh', next).text;
    const en = handoffNotice(settings, 'en', next).text;
    expect(zh).toContain('排在第 1 位');
    expect(zh).not.toMatch(/前面还有 1 位/);
    expect(en).toContain('number 1 in line');
    expect(handoffNotice(settings, 'zh', { ...next, position: 3 }).text).toContain('排在第 3 位');
  });

  it('offers leave-a-message, call-back and waiting as buttons when nobody is online', () => {
    const notice = handoffNotice(settings, 'en', { team: 'general', online: 0, position: 1 });
    expect(notice.text).toContain('no agent is online');
    expect(notice.quickReplies?.map((q) => q.label)).toEqual(['Leave a message', 'Call me back', 'Keep waiting']);
  });
});
