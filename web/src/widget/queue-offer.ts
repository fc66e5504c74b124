import type { WidgetText } from './i18n.ts';

export type QueueOfferKind = 'leave_message' | 'callback';

/**
 * What a waiting customer is offered while an active surge plan caps the line (应急预案, queue cap): leave a message
 * or be called back instead of waiting, or keep waiting. Choosing sends the bot's own words for the choice (the bot,
 * in charge of a waiting conversation, turns the customer's next message into a message or call-back ticket), so
 * the widget needs no path of its own. Plain buttons: reachable with Tab, pressed with Enter or Space.
 */
export class QueueOffer {
  readonly element: HTMLElement;
  private readonly prompt: HTMLParagraphElement;
  private readonly accept: HTMLButtonElement;
  private readonly wait: HTMLButtonElement;
  private kind: QueueOfferKind | null = null;
  /** The customer answered this offer: it stays hidden until the line is under the cap and over it again. */
  private answered = false;

  constructor(
    private readonly text: WidgetText,
    private readonly send: (text: string) => void,
    private readonly afterChoice: () => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'offer';
    this.element.hidden = true;
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', text.offerLabel);
    this.element.dataset.testid = 'widget-offer';
    this.prompt = document.createElement('p');
    this.accept = button('offer-accept', 'widget-offer-accept');
    this.wait = button('offer-wait', 'widget-offer-wait');
    this.wait.textContent = text.keepWaiting;
    this.accept.addEventListener('click', () => {
      if (this.kind) this.choose(this.kind === 'callback' ? this.text.callback : this.text.leaveMessage);
    });
    this.wait.addEventListener('click', () => this.choose(this.text.keepWaiting));
    const actions = document.createElement('div');
    actions.className = 'offer-actions';
    actions.append(this.accept, this.wait);
    this.element.append(this.prompt, actions);
  }

  /** The offer the server reports now (null: the line is under the cap, or the customer no longer waits). */
  set(kind: QueueOfferKind | null): void {
    if (kind === null) this.answered = false;
    this.kind = kind;
    this.element.hidden = kind === null || this.answered;
    if (kind === null) return;
    this.element.dataset.offer = kind;
    this.prompt.textContent = kind === 'callback' ? this.text.offerCallback : this.text.offerLeaveMessage;
    this.accept.textContent = kind === 'callback' ? this.text.callback : this.text.leaveMessage;
  }

  private choose(words: string): void {
    this.answered = true;
    this.element.hidden = true;
    this.send(words);
    this.afterChoice();
  }
}

function button(className: string, testid: string): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = className;
  node.dataset.testid = testid;
  return node;
}
