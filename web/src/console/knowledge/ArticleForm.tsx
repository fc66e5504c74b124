import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { AnswerField } from './AnswerField.tsx';
import { useCategories } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { KbMessageKey } from './kb-messages.ts';
import {
  ARTICLE_KINDS,
  type Article,
  type ArticleContent,
  type ArticleKind,
  KB_LANGUAGES,
  type KbLanguage,
} from './kb-types.ts';
import { CategorySelect, ChipInput, fromLocalInput, SanitizedHtml, toLocalInput } from './parts.tsx';

export interface FormState {
  kind: ArticleKind;
  language: KbLanguage;
  title: string;
  alternates: string[];
  answer: string;
  body: string;
  categoryId: string | null;
  tags: string[];
  channels: string[];
  effectiveFrom: string;
  effectiveTo: string;
  note: string;
}

export function formOf(article: Partial<Article> & { kind: ArticleKind; language: KbLanguage }): FormState {
  return {
    kind: article.kind,
    language: article.language,
    title: article.title ?? '',
    alternates: article.alternates ?? [],
    answer: article.answer ?? '',
    body: article.body ?? '',
    categoryId: article.categoryId ?? null,
    tags: article.tags ?? [],
    channels: article.channels ?? [],
    effectiveFrom: toLocalInput(article.effectiveFrom ?? null),
    effectiveTo: toLocalInput(article.effectiveTo ?? null),
    note: '',
  };
}

/** The content fields as the API takes them (a faq has no body, a document no answer or similar questions). */
export function contentOf(form: FormState): ArticleContent {
  const faq = form.kind === 'faq';
  return {
    title: form.title.trim(),
    alternates: faq ? form.alternates : [],
    answer: faq ? form.answer : '',
    body: faq ? '' : form.body,
    categoryId: form.categoryId,
    tags: form.tags,
    channels: form.channels,
    effectiveFrom: fromLocalInput(form.effectiveFrom),
    effectiveTo: fromLocalInput(form.effectiveTo),
  };
}

const channelKey = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');

/**
 * The article editor. `saved` is what the server holds (for the preview: only server-sanitized HTML is rendered);
 * `creating` unlocks the kind and language, which never change afterwards.
 */
export function ArticleForm({
  form,
  onChange,
  saved,
  creating,
  readOnly,
  saving,
  error,
  dirty,
  onSave,
  onConflictReload,
}: {
  form: FormState;
  onChange: (form: FormState) => void;
  saved: Article | null;
  creating: boolean;
  readOnly: boolean;
  saving: boolean;
  error: unknown;
  dirty: boolean;
  onSave: () => void;
  onConflictReload?: () => void;
}) {
  const { t } = useKbI18n();
  const categories = useCategories();
  const [showPreview, setShowPreview] = useState(true);
  const set = (patch: Partial<FormState>) => onChange({ ...form, ...patch });
  const faq = form.kind === 'faq';
  const conflict = error instanceof ApiError && error.status === 409;

  return (
    <form
      className="kb-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) onSave();
      }}
    >
      {creating && (
        <div className="kb-row">
          <fieldset className="kb-segment">
            <legend>{t('field.kind')}</legend>
            {ARTICLE_KINDS.map((kind) => (
              <label key={kind} className={form.kind === kind ? 'kb-segment-on' : ''}>
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={form.kind === kind}
                  onChange={() => set({ kind })}
                />
                {t(`kind.${kind}` as KbMessageKey)}
              </label>
            ))}
          </fieldset>
          <fieldset className="kb-segment">
            <legend>{t('field.language')}</legend>
            {KB_LANGUAGES.map((language) => (
              <label key={language} className={form.language === language ? 'kb-segment-on' : ''}>
                <input
                  type="radio"
                  name="language"
                  value={language}
                  checked={form.language === language}
                  onChange={() => set({ language })}
                />
                {t(`lang.${language}` as KbMessageKey)}
              </label>
            ))}
          </fieldset>
        </div>
      )}

      <label className="kb-field">
        <span>{faq ? t('field.standardQuestion') : t('field.docTitle')}</span>
        <input
          value={form.title}
          onChange={(e) => set({ title: e.target.value })}
          maxLength={300}
          required
          disabled={readOnly}
          placeholder={faq ? t('field.standardQuestionHint') : ''}
          data-testid="kb-title"
        />
      </label>

      {faq && (
        <div className="kb-field">
          <span>{t('field.alternates')}</span>
          <ChipInput
            values={form.alternates}
            onChange={(alternates) => set({ alternates })}
            label={t('field.alternates')}
            placeholder={t('field.alternatesHint')}
            testId="kb-alternate-input"
            disabled={readOnly}
          />
        </div>
      )}

      {faq ? (
        <div className="kb-field">
          <span>{t('field.answer')}</span>
          <AnswerField value={form.answer} onChange={(answer) => set({ answer })} disabled={readOnly} />
          <div className="kb-preview">
            <div className="kb-preview-head">
              <button type="button" className="kb-link-button" onClick={() => setShowPreview((v) => !v)}>
                {showPreview ? t('preview.hide') : t('preview.show')}
              </button>
              <span className="muted">{t('preview.note')}</span>
              {dirty && saved && <span className="kb-unsaved">{t('preview.unsaved')}</span>}
            </div>
            {showPreview &&
              (saved?.answer ? (
                <SanitizedHtml html={saved.answer} testId="kb-answer-preview" />
              ) : (
                <p className="muted kb-preview-empty">{t('preview.empty')}</p>
              ))}
          </div>
        </div>
      ) : (
        <label className="kb-field">
          <span>{t('field.body')}</span>
          <textarea
            value={form.body}
            onChange={(e) => set({ body: e.target.value })}
            rows={16}
            disabled={readOnly}
            placeholder={t('field.bodyHint')}
            data-testid="kb-body"
          />
        </label>
      )}

      <div className="kb-grid-2">
        <div className="kb-field">
          <span>{t('field.category')}</span>
          <CategorySelect
            categories={categories.data ?? []}
            value={form.categoryId}
            onChange={(categoryId) => set({ categoryId })}
            emptyLabel={t('category.none')}
            label={t('field.category')}
            testId="kb-category"
          />
        </div>
        <div className="kb-field">
          <span>{t('field.tags')}</span>
          <ChipInput
            values={form.tags}
            onChange={(tags) => set({ tags })}
            label={t('field.tags')}
            placeholder={t('field.tagsHint')}
            normalize={(s) => s.trim().replace(/[,，]/g, '').slice(0, 40)}
            disabled={readOnly}
          />
        </div>
        <div className="kb-field">
          <span>{t('field.channels')}</span>
          <ChipInput
            values={form.channels}
            onChange={(channels) => set({ channels })}
            label={t('field.channels')}
            placeholder={t('field.channelsHint')}
            normalize={channelKey}
            disabled={readOnly}
          />
        </div>
        <div className="kb-field">
          <span>{t('field.effective')}</span>
          <div className="kb-dates">
            <input
              type="datetime-local"
              aria-label={t('field.effectiveFrom')}
              value={form.effectiveFrom}
              onChange={(e) => set({ effectiveFrom: e.target.value })}
              disabled={readOnly}
            />
            <span className="muted">→</span>
            <input
              type="datetime-local"
              aria-label={t('field.effectiveTo')}
              value={form.effectiveTo}
              onChange={(e) => set({ effectiveTo: e.target.value })}
              disabled={readOnly}
            />
          </div>
          <small className="muted">{t('field.effectiveHint')}</small>
        </div>
      </div>

      {!readOnly && (
        <label className="kb-field">
          <span>{t('field.note')}</span>
          <input
            value={form.note}
            onChange={(e) => set({ note: e.target.value })}
            maxLength={500}
            placeholder={t('field.noteHint')}
          />
        </label>
      )}

      {conflict ? (
        <div className="notice notice-warn" role="alert" data-testid="kb-conflict">
          <strong>{t('conflict.title')}</strong>
          <span>{t('conflict.body')}</span>
          {onConflictReload && (
            <button type="button" className="btn btn-small" onClick={onConflictReload}>
              {t('conflict.reload')}
            </button>
          )}
        </div>
      ) : (
        error != null && <ErrorNotice error={error} />
      )}

      {!readOnly && (
        <div className="kb-form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={saving || !form.title.trim() || (!creating && !dirty)}
            data-testid="kb-save"
          >
            {saving ? t('action.saving') : creating ? t('action.createDraft') : t('action.saveDraft')}
          </button>
          {!creating && !dirty && <span className="muted">{t('form.noChanges')}</span>}
        </div>
      )}
    </form>
  );
}
