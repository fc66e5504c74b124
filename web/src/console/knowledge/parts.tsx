import { type KeyboardEvent, useState } from 'react';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import type { ArticleStatus, Category } from './kb-types.ts';
import { useKbRights } from './rights.ts';

/** The review status as a coloured pill. */
export function StatusBadge({ status }: { status: ArticleStatus }) {
  const { t } = useKbI18n();
  return <span className={`kb-status kb-status-${status}`}>{t(`status.${status}` as KbMessageKey)}</span>;
}

/**
 * HTML the server has already sanitized (answers are cleaned before they are stored, and the hit test serves the
 * stored answer). Nothing typed in the browser is ever rendered as HTML: unsaved text is shown only as text.
 */
export function SanitizedHtml({ html, testId }: { html: string; testId?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's sanitizer produced this HTML
  return <div className="kb-rich" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Short terms as removable chips: Enter or comma adds one (never while an IME is composing). */
export function ChipInput({
  values,
  onChange,
  placeholder,
  label,
  testId,
  normalize = (s) => s.trim(),
  disabled,
}: {
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  label: string;
  testId?: string;
  normalize?: (value: string) => string;
  disabled?: boolean;
}) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const value = normalize(draft);
    if (value && !values.includes(value)) onChange([...values, value]);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Enter' || event.key === ',' || event.key === '，') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className={`kb-chips ${disabled ? 'kb-chips-disabled' : ''}`}>
      {values.map((value) => (
        <span key={value} className="kb-chip">
          {value}
          {!disabled && (
            <button type="button" aria-label={`× ${value}`} onClick={() => onChange(values.filter((v) => v !== value))}>
              ×
            </button>
          )}
        </span>
      ))}
      {!disabled && (
        <input
          value={draft}
          aria-label={label}
          placeholder={values.length === 0 ? placeholder : ''}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
          data-testid={testId}
        />
      )}
    </div>
  );
}

/** The tree flattened in display order, each category with its depth (for indented selects and lists). */
export function flattenTree(categories: Category[]): { category: Category; depth: number }[] {
  const byParent = new Map<string | null, Category[]>();
  for (const c of categories) {
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position);
  const out: { category: Category; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const c of byParent.get(parentId) ?? []) {
      out.push({ category: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A category's name in the console language (the English name when there is one and the console is English). */
export function categoryName(category: Category, locale: string): string {
  return locale === 'en' && category.nameEn ? category.nameEn : category.name;
}

/** A select of the whole tree, indented by depth. */
export function CategorySelect({
  categories,
  value,
  onChange,
  emptyLabel,
  label,
  exclude,
  testId,
}: {
  categories: Category[];
  value: string | null;
  onChange: (id: string | null) => void;
  emptyLabel: string;
  label: string;
  /** A category (and, by the caller, its subtree) that cannot be chosen. */
  exclude?: Set<string>;
  testId?: string;
}) {
  const { locale } = useKbI18n();
  return (
    <select
      aria-label={label}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value || null)}
      data-testid={testId}
    >
      <option value="">{emptyLabel}</option>
      {flattenTree(categories)
        .filter(({ category }) => !exclude?.has(category.id))
        .map(({ category, depth }) => (
          <option key={category.id} value={category.id}>
            {`${'\u3000'.repeat(depth)}${categoryName(category, locale)}`}
          </option>
        ))}
    </select>
  );
}

/** A number in [0,1] as a bar with its percentage, coloured by how sure it is. */
export function ConfidenceBar({ value }: { value: number }) {
  const pct = Math.round(value * 100);
  const level = value >= 0.7 ? 'high' : value >= 0.4 ? 'mid' : 'low';
  return (
    <span className={`kb-confidence kb-confidence-${level}`} title={value.toFixed(3)}>
      <span className="kb-confidence-track">
        <span className="kb-confidence-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="kb-confidence-value">{pct}%</span>
    </span>
  );
}

/** Epoch ms ↔ the value of an <input type="datetime-local"> (local time). */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Who did something, as far as a knowledge role can tell: "you", the system, or a short user id (the user directory
 * is an admin's and supervisor's view).
 */
export function useActorLabel(): (id: string | null) => string {
  const { t } = useKbI18n();
  const me = useKbRights().userId;
  return (id) =>
    id === null ? t('common.system') : id === me ? t('common.you') : t('common.user', { id: id.slice(-6) });
}
