import { useRef } from 'react';
import { useKbI18n } from './kb-i18n.ts';

const TOOLS: {
  label: string;
  title: 'rich.bold' | 'rich.italic' | 'rich.list' | 'rich.link' | 'rich.paragraph';
  open: string;
  close: string;
}[] = [
  { label: 'B', title: 'rich.bold', open: '<strong>', close: '</strong>' },
  { label: 'I', title: 'rich.italic', open: '<em>', close: '</em>' },
  { label: '¶', title: 'rich.paragraph', open: '<p>', close: '</p>' },
  { label: '•', title: 'rich.list', open: '<ul>\n  <li>', close: '</li>\n</ul>' },
  { label: '⇗', title: 'rich.link', open: '<a href="https://">', close: '</a>' },
];

/**
 * The answer's rich text, edited as HTML with a small toolbar that wraps the selection. The server sanitizes it on
 * save; the preview beside it shows only what the server kept.
 */
export function AnswerField({
  value,
  onChange,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  const { t } = useKbI18n();
  const ref = useRef<HTMLTextAreaElement>(null);
  const wrap = (open: string, close: string) => {
    const area = ref.current;
    if (!area) return;
    const { selectionStart: start, selectionEnd: end } = area;
    const next = value.slice(0, start) + open + value.slice(start, end) + close + value.slice(end);
    onChange(next);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(start + open.length, end + open.length);
    });
  };
  return (
    <div className="kb-answer">
      {!disabled && (
        <div className="kb-toolbar" role="toolbar" aria-label={t('rich.toolbar')}>
          {TOOLS.map((tool) => (
            <button
              key={tool.title}
              type="button"
              className="kb-tool"
              title={t(tool.title)}
              aria-label={t(tool.title)}
              onClick={() => wrap(tool.open, tool.close)}
            >
              {tool.label}
            </button>
          ))}
          <span className="muted kb-toolbar-hint">{t('rich.hint')}</span>
        </div>
      )}
      <textarea
        ref={ref}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={8}
        disabled={disabled}
        aria-label={t('field.answer')}
        data-testid="kb-answer"
        spellCheck={false}
      />
    </div>
  );
}
