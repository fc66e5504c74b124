import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useAddComment, useComments } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import { useActorLabel } from './parts.tsx';
import { useKbRights } from './rights.ts';

/** Editors and reviewers discuss a change here; comments are plain text. */
export function CommentsPanel({ articleId }: { articleId: string }) {
  const { t, dateTime } = useKbI18n();
  const rights = useKbRights();
  const comments = useComments(articleId);
  const add = useAddComment(articleId);
  const [body, setBody] = useState('');
  const actor = useActorLabel();
  return (
    <div className="kb-side-body">
      {comments.error && <ErrorNotice error={comments.error} />}
      {comments.data?.length === 0 && <p className="muted">{t('comments.empty')}</p>}
      <ul className="kb-comments">
        {comments.data?.map((c) => (
          <li key={c.id}>
            <span className="kb-timeline-head">
              <strong>{actor(c.authorId)}</strong>
              <span className="muted">
                {c.version !== null && `v${c.version} · `}
                {dateTime(c.createdAt)}
              </span>
            </span>
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      {rights.editorial && (
        <form
          className="kb-comment-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) add.mutate({ body: body.trim() }, { onSuccess: () => setBody('') });
          }}
        >
          <textarea
            value={body}
            onChange={(e) => setBody(e.target.value)}
            rows={3}
            maxLength={5000}
            placeholder={t('comments.placeholder')}
            aria-label={t('comments.placeholder')}
            data-testid="kb-comment-input"
          />
          {add.error != null && <ErrorNotice error={add.error} />}
          <button type="submit" className="btn btn-primary btn-small" disabled={add.isPending || !body.trim()}>
            {t('comments.add')}
          </button>
        </form>
      )}
    </div>
  );
}
