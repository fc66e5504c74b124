import type { MessageView } from '../shared/api-types.ts';
import type { WidgetText } from './i18n.ts';

/**
 * The bot's parts of the chat, built node by node with textContent (never markup): quick-reply buttons, cards
 * (an article link, an order summary), the typing indicator and the satisfaction survey.
 */
type Card = NonNullable<NonNullable<MessageView['meta']>['cards']>[number];

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

/** Buttons that send their value as the customer's next message; `spent` once the customer has answered. */
export function quickReplies(
  replies: Array<{ label: string; value: string }>,
  onPick: (value: string) => void,
  spent = false,
): HTMLElement {
  const row = el('div', 'chips');
  row.setAttribute('role', 'group');
  for (const reply of replies.slice(0, 8)) {
    const chip = el('button', 'chip', reply.label);
    chip.type = 'button';
    chip.dataset.testid = 'widget-quick-reply';
    chip.disabled = spent;
    chip.addEventListener('click', () => {
      for (const sibling of row.querySelectorAll('button')) sibling.disabled = true;
      onPick(reply.value);
    });
    row.append(chip);
  }
  return row;
}

/** Only http(s) links are followed; anything else is shown as plain text. */
function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function card(data: Card, text: WidgetText): HTMLElement {
  const box = el('div', 'card');
  box.dataset.testid = 'widget-card';
  if (data.type === 'article') {
    box.append(el('span', 'card-kind', text.article));
    const url = safeUrl(data.url);
    if (url) {
      const link = el('a', 'card-title', String(data.title ?? ''));
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      box.append(link);
    } else box.append(el('strong', 'card-title', String(data.title ?? '')));
  } else if (data.type === 'order') {
    box.append(el('span', 'card-kind', text.order), el('strong', 'card-title', String(data.orderNo ?? '')));
    const list = el('dl');
    for (const field of (Array.isArray(data.fields) ? data.fields : []).slice(0, 10) as Array<{
      label: string;
      value: string;
    }>) {
      list.append(el('dt', undefined, String(field.label)), el('dd', undefined, String(field.value)));
    }
    box.append(list);
  }
  return box;
}

export function typingIndicator(text: WidgetText): HTMLElement {
  const node = el('div', 'typing');
  node.dataset.testid = 'widget-typing';
  node.setAttribute('aria-label', text.typing);
  node.append(el('span'), el('span'), el('span'));
  node.hidden = true;
  return node;
}

export interface SurveyAnswer {
  csat: number;
  nps: number | null;
  comment: string | null;
}

/** CSAT 1–5 (required), NPS 0–10 (optional) and a comment; keyboard-usable radio groups. */
export function survey(text: WidgetText, onSubmit: (answer: SurveyAnswer) => Promise<void>): HTMLElement {
  const form = el('form', 'survey');
  form.dataset.testid = 'widget-survey';
  const scale = (name: string, legend: string, from: number, to: number) => {
    const set = el('fieldset');
    set.append(el('legend', undefined, legend));
    const row = el('div', 'scale');
    for (let value = from; value <= to; value++) {
      const label = el('label');
      const input = el('input');
      input.type = 'radio';
      input.name = name;
      input.value = String(value);
      input.dataset.testid = `widget-survey-${name}-${value}`;
      label.append(input, el('span', undefined, String(value)));
      row.append(label);
    }
    set.append(row);
    return set;
  };
  const comment = el('textarea');
  comment.maxLength = 2000;
  comment.rows = 2;
  comment.placeholder = text.surveyComment;
  comment.setAttribute('aria-label', text.surveyComment);
  const submit = el('button', 'send', text.surveySubmit);
  submit.type = 'submit';
  const status = el('p', 'survey-status');
  status.setAttribute('role', 'status');
  form.append(
    el('p', 'survey-title', text.surveyTitle),
    scale('csat', text.surveyCsat, 1, 5),
    scale('nps', text.surveyNps, 0, 10),
    comment,
    submit,
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = (name: string) =>
      (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value;
    const csat = picked('csat');
    if (!csat) {
      status.textContent = text.surveyNeedsCsat;
      return;
    }
    const nps = picked('nps');
    submit.disabled = true;
    onSubmit({ csat: Number(csat), nps: nps === undefined ? null : Number(nps), comment: comment.value.trim() || null })
      .then(() => {
        form.replaceChildren(el('p', 'survey-title', text.surveyThanks));
      })
      .catch(() => {
        submit.disabled = false;
        status.textContent = text.surveyFailed;
      });
  });
  return form;
}
