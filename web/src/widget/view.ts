import type { SenderType } from '../shared/api-types.ts';
import { formatTime, type Locale } from '../shared/locale.ts';
import { card, quickReplies, type SurveyAnswer, survey, typingIndicator } from './bot-parts.ts';
import type { ChatItem } from './chat-state.ts';
import type { WidgetText } from './i18n.ts';
import { QueueOffer, type QueueOfferKind } from './queue-offer.ts';
import { WIDGET_CSS } from './styles.ts';

export interface WidgetViewHandlers {
  onToggle: (open: boolean) => void;
  onSend: (text: string) => void;
  onRetry: (clientMessageId: string) => void;
  onSurvey: (answer: SurveyAnswer) => Promise<void>;
}

type Connection = 'connecting' | 'online' | 'offline';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A stroked 24×24 icon, built node by node (the widget never parses markup). */
function icon(paths: string[]): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of paths) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

const CHAT_ICON = ['M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z'];
const CLOSE_ICON = ['M6 6l12 12', 'M18 6L6 18'];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The launcher and chat panel inside an open shadow root. All text goes in through textContent. */
export class WidgetView {
  private readonly frame = el('div', 'lx');
  private readonly launcher = el('button', 'launcher');
  private readonly badge = el('span', 'badge');
  private readonly panel = el('section', 'panel');
  private readonly title = el('h2');
  private readonly status = el('span');
  private readonly dot = el('span', 'dot');
  private readonly log = el('div', 'log');
  private readonly alert = el('p', 'alert');
  /** A surge plan's announcement and the place in line, above the log. */
  private readonly surge = el('p', 'alert');
  private readonly queue = el('p', 'greeting');
  /** Leave a message or be called back, while a surge plan caps the line. */
  private readonly offer: QueueOffer;
  private readonly input = el('textarea');
  private readonly sendButton = el('button', 'send');
  private readonly rendered = new Map<string, HTMLElement>();
  private readonly typing: HTMLElement;
  private surveyShown = false;
  private open = false;

  constructor(
    private readonly text: WidgetText,
    private readonly locale: Locale,
    private readonly handlers: WidgetViewHandlers,
  ) {
    this.typing = typingIndicator(text);
    this.offer = new QueueOffer(
      text,
      (words) => this.handlers.onSend(words),
      () => this.input.focus(),
    );
  }

  mount(): void {
    const host = document.createElement('div');
    host.id = 'lingxi-widget';
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    this.frame.lang = this.locale;
    this.frame.append(this.buildPanel(), this.buildLauncher());
    root.append(style, this.frame);
    document.body.append(host);
    this.setConnection('connecting');
  }

  isOpen(): boolean {
    return this.open;
  }

  setTitle(name: string): void {
    this.title.textContent = name || this.text.title;
  }

  setConnection(connection: Connection): void {
    this.dot.classList.toggle('on', connection === 'online');
    this.status.textContent =
      connection === 'online' ? this.text.online : connection === 'offline' ? this.text.offline : this.text.connecting;
  }

  showAlert(message: string | null): void {
    this.alert.hidden = message === null;
    this.alert.textContent = message ?? '';
  }

  setRouting(announcement: string | null, position: number | null, offer: QueueOfferKind | null = null): void {
    // The lines take room from the log: a reader at the newest message stays there, not a line short of it.
    const stickToEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
    this.surge.hidden = announcement === null;
    this.surge.textContent = announcement ?? '';
    this.queue.hidden = position === null;
    this.queue.textContent = position === null ? '' : this.text.queuePosition.replace('{n}', String(position));
    this.offer.set(position === null ? null : offer);
    if (stickToEnd) this.scrollToEnd();
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = count > 99 ? '99+' : String(count);
  }

  setOpen(open: boolean): void {
    this.open = open;
    this.panel.hidden = !open;
    this.frame.classList.toggle('open', open);
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? this.text.close : this.text.open);
    if (open) {
      this.scrollToEnd();
      this.input.focus();
    }
  }

  /** Brings the log in line with the items: reuses bubbles by key, so a confirmed message replaces nothing. */
  render(items: readonly ChatItem[]): void {
    const stickToEnd = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 80;
    const keep = new Set<string>();
    let previous: Element | null = this.log.firstElementChild;
    // Quick replies belong to the question they came with: once the customer wrote after it, they are spent (a
    // re-render must not bring them back to life).
    let lastFromCustomer = -1;
    items.forEach((item, i) => {
      if (!item.message || item.message.senderType === 'contact') lastFromCustomer = i;
    });
    for (const [index, item] of items.entries()) {
      keep.add(item.key);
      const node = this.bubbleFor(item, index < lastFromCustomer);
      if (previous?.nextElementSibling !== node) {
        if (previous) previous.after(node);
        else this.log.prepend(node);
      }
      previous = node;
    }
    for (const [key, node] of this.rendered) {
      if (!keep.has(key)) {
        node.remove();
        this.rendered.delete(key);
      }
    }
    // The typing dots and the survey always sit below the newest message.
    this.log.append(this.typing);
    const form = this.log.querySelector('.survey');
    if (form) this.log.append(form);
    if (stickToEnd) this.scrollToEnd();
  }

  /** The other side (bot or agent) is writing; hidden again by their message or after a while. */
  setTyping(on: boolean): void {
    this.typing.hidden = !on;
    if (on) this.log.append(this.typing);
  }

  /** Once per conversation, after it is resolved. */
  showSurvey(): void {
    if (this.surveyShown) return;
    this.surveyShown = true;
    this.log.append(survey(this.text, this.handlers.onSurvey));
    this.scrollToEnd();
  }

  private bubbleFor(item: ChatItem, answered: boolean): HTMLElement {
    let node = this.rendered.get(item.key);
    if (!node) {
      node = el('div', 'msg');
      node.dataset.testid = 'widget-message';
      node.append(el('span', 'who'), el('div', 'bubble'), el('div', 'meta'));
      this.rendered.set(item.key, node);
    }
    const sender: SenderType = item.message ? item.message.senderType : 'contact';
    node.className = `msg ${sender === 'contact' ? 'mine' : sender === 'system' ? 'system' : ''}`;
    node.dataset.state = item.message ? 'sent' : item.pending.state;
    if (item.message) node.dataset.messageId = item.message.id;
    const [who, bubble, meta] = node.children as unknown as [HTMLElement, HTMLElement, HTMLElement];
    who.textContent = sender === 'agent' ? this.text.agent : sender === 'bot' ? this.text.bot : '';
    who.hidden = who.textContent === '';
    bubble.textContent = item.message ? item.message.text : item.pending.text;
    node.querySelector('.extras')?.remove();
    const extras = item.message?.meta;
    if (extras && sender !== 'contact') {
      const box = el('div', 'extras');
      for (const c of extras.cards ?? []) box.append(card(c, this.text));
      if (extras.quickReplies?.length)
        box.append(quickReplies(extras.quickReplies, (value) => this.handlers.onSend(value), answered));
      node.append(box);
    }
    meta.replaceChildren();
    if (item.message) {
      meta.textContent = formatTime(item.message.createdAt, this.locale);
    } else if (item.pending.state === 'sending') {
      meta.textContent = this.text.sending;
    } else {
      const retry = el('button', undefined, this.text.retry);
      retry.type = 'button';
      const clientMessageId = item.pending.clientMessageId;
      retry.addEventListener('click', () => this.handlers.onRetry(clientMessageId));
      meta.append(
        el('span', undefined, item.pending.error ? `${this.text.failed}: ${item.pending.error}` : this.text.failed),
        retry,
      );
    }
    return node;
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }

  private buildLauncher(): HTMLElement {
    this.launcher.type = 'button';
    this.launcher.dataset.testid = 'widget-launcher';
    this.launcher.setAttribute('aria-controls', 'lx-panel');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', this.text.open);
    this.badge.hidden = true;
    this.launcher.append(icon(CHAT_ICON), this.badge);
    this.launcher.addEventListener('click', () => this.handlers.onToggle(!this.open));
    return this.launcher;
  }

  private buildPanel(): HTMLElement {
    this.panel.id = 'lx-panel';
    this.panel.hidden = true;
    this.panel.setAttribute('role', 'dialog');
    this.panel.setAttribute('aria-label', this.text.title);
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.handlers.onToggle(false);
        this.launcher.focus();
      }
    });

    const head = el('header', 'head');
    const titles = el('div', 'titles');
    this.title.textContent = this.text.title;
    const status = el('p');
    status.append(this.dot, this.status);
    titles.append(this.title, status);
    const close = el('button', 'icon-btn');
    close.type = 'button';
    close.setAttribute('aria-label', this.text.close);
    close.append(icon(CLOSE_ICON));
    close.addEventListener('click', () => {
      this.handlers.onToggle(false);
      this.launcher.focus();
    });
    const human = el('button', 'human', this.text.talkToPerson);
    human.type = 'button';
    human.dataset.testid = 'widget-talk-to-person';
    human.addEventListener('click', () => this.handlers.onSend(this.text.talkToPerson));
    head.append(titles, human, close);

    this.log.setAttribute('role', 'log');
    this.log.setAttribute('aria-live', 'polite');
    this.log.setAttribute('aria-label', this.text.log);
    this.log.append(el('p', 'greeting', this.text.greeting));
    this.alert.hidden = true;
    this.alert.setAttribute('role', 'alert');
    this.surge.hidden = true;
    this.surge.dataset.testid = 'widget-surge';
    this.queue.hidden = true;
    this.queue.dataset.testid = 'widget-queue';

    const compose = el('form', 'compose');
    this.input.rows = 1;
    this.input.maxLength = 10_000;
    this.input.placeholder = this.text.placeholder;
    this.input.setAttribute('aria-label', this.text.inputLabel);
    this.input.dataset.testid = 'widget-input';
    this.sendButton.type = 'submit';
    this.sendButton.textContent = this.text.send;
    this.sendButton.dataset.testid = 'widget-send';
    this.sendButton.disabled = true;
    this.input.addEventListener('input', () => {
      this.sendButton.disabled = this.input.value.trim() === '';
      this.input.style.height = 'auto';
      this.input.style.height = `${Math.min(this.input.scrollHeight + 2, 120)}px`;
    });
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter breaks the line; Enter that confirms a Chinese IME candidate must do neither.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.submit();
      }
    });
    compose.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    compose.append(this.input, this.sendButton);

    this.panel.append(
      head,
      this.surge,
      this.log,
      this.queue,
      this.offer.element,
      this.alert,
      compose,
      el('div', 'foot', this.text.poweredBy),
    );
    return this.panel;
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = '';
    this.input.style.height = 'auto';
    this.sendButton.disabled = true;
    this.handlers.onSend(text);
    this.input.focus();
  }
}
