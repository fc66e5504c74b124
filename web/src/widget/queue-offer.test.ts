import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { widgetText } from './i18n.ts';
import type { QueueOffer as QueueOfferType } from './queue-offer.ts';

let QueueOffer: typeof QueueOfferType;

beforeAll(async () => {
  // The widget builds its DOM with `document`; a real (server-side) DOM stands in for the browser's.
  (globalThis as { document?: unknown }).document = parseHTML('<!doctype html><html><body></body></html>').document;
  ({ QueueOffer } = await import('./queue-offer.ts'));
});

function offerFor(language: string) {
  const sent: string[] = [];
  let chosen = 0;
  const { text } = widgetText(language);
  const offer = new QueueOffer(
    text,
    (words) => sent.push(words),
    () => chosen++,
  );
  const part = (testid: string) => offer.element.querySelector(`[data-testid="${testid}"]`) as HTMLButtonElement;
  return { offer, sent, chosen: () => chosen, part, text };
}

describe('the queue-cap offer in the widget', () => {
  it('offers a call-back in Chinese, sends the bot’s own words when chosen, and stays answered', () => {
    const { offer, sent, chosen, part } = offerFor('zh-CN');
    expect(offer.element.hidden).toBe(true);
    offer.set('callback');
    expect(offer.element.hidden).toBe(false);
    expect(offer.element.getAttribute('role')).toBe('group');
    expect(offer.element.textContent).toContain('预约回电');
    expect(part('widget-offer-accept').tagName).toBe('BUTTON');
    expect(part('widget-offer-accept').getAttribute('type')).toBe('button');
    part('widget-offer-accept').click();
    expect(sent).toEqual(['预约回电']);
    expect(chosen()).toBe(1);
    expect(offer.element.hidden).toBe(true);
    // The status refreshes while the line is still over the cap: the answered offer does not come back.
    offer.set('callback');
    expect(offer.element.hidden).toBe(true);
    // Under the cap and over it again: a new offer.
    offer.set(null);
    offer.set('leave_message');
    expect(offer.element.hidden).toBe(false);
    expect(part('widget-offer-accept').textContent).toBe('留言');
  });

  it('in English: leave a message, or keep waiting', () => {
    const { offer, sent, part } = offerFor('en-US');
    offer.set('leave_message');
    expect(offer.element.getAttribute('aria-label')).toBe('The line is long: your options');
    expect(part('widget-offer-accept').textContent).toBe('Leave a message');
    part('widget-offer-wait').click();
    expect(sent).toEqual(['Keep waiting']);
    expect(offer.element.hidden).toBe(true);
  });
});
