import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useCategories, useCreateCategory, useDeleteCategory, useUpdateCategory } from './kb-api.ts';
import { useKbI18n } from './kb-i18n.ts';
import type { Category } from './kb-types.ts';
import { CategorySelect, flattenTree } from './parts.tsx';
import { useKbRights } from './rights.ts';

/** The category tree: add, rename, move under another parent, reorder among siblings, delete when empty. */
export function CategoryTree() {
  const { t } = useKbI18n();
  const rights = useKbRights();
  const categories = useCategories();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const [newName, setNewName] = useState('');
  const [newNameEn, setNewNameEn] = useState('');
  const [newParent, setNewParent] = useState<string | null>(null);
  const all = categories.data ?? [];
  const rows = flattenTree(all);
  const error = create.error ?? update.error ?? remove.error;

  return (
    <section className="kb-panel">
      <header className="kb-panel-head">
        <div>
          <h2>{t('categories.title')}</h2>
          <p className="muted">{t('categories.help')}</p>
        </div>
      </header>
      {rights.categories && (
        <form
          className="kb-filters"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newName.trim()) return;
            create.mutate(
              { name: newName.trim(), nameEn: newNameEn.trim() || null, parentId: newParent },
              {
                onSuccess: () => {
                  setNewName('');
                  setNewNameEn('');
                },
              },
            );
          }}
        >
          <input
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            placeholder={t('categories.name')}
            aria-label={t('categories.name')}
            maxLength={100}
            data-testid="kb-category-name"
          />
          <input
            value={newNameEn}
            onChange={(e) => setNewNameEn(e.target.value)}
            placeholder={t('categories.nameEn')}
            aria-label={t('categories.nameEn')}
            maxLength={100}
          />
          <CategorySelect
            categories={all}
            value={newParent}
            onChange={setNewParent}
            emptyLabel={t('categories.topLevel')}
            label={t('categories.parent')}
          />
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !newName.trim()}>
            {t('categories.add')}
          </button>
        </form>
      )}
      {error != null && <ErrorNotice error={error} />}
      {categories.error && <ErrorNotice error={categories.error} onRetry={() => void categories.refetch()} />}
      {categories.isPending && <p className="empty">{t('common.loading')}</p>}
      {rows.length === 0 && categories.data && <p className="empty">{t('categories.empty')}</p>}
      <ul className="kb-tree" data-testid="kb-category-tree">
        {rows.map(({ category, depth }) => (
          <CategoryRow
            key={category.id}
            category={category}
            depth={depth}
            all={all}
            canManage={rights.categories}
            onUpdate={(patch) => update.mutate({ id: category.id, ...patch })}
            onDelete={() => remove.mutate(category.id)}
            busy={update.isPending || remove.isPending}
          />
        ))}
      </ul>
    </section>
  );
}

function subtreeOf(all: Category[], id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) {
      if (c.parentId && ids.has(c.parentId) && !ids.has(c.id)) {
        ids.add(c.id);
        grew = true;
      }
    }
  }
  return ids;
}

function CategoryRow({
  category,
  depth,
  all,
  canManage,
  onUpdate,
  onDelete,
  busy,
}: {
  category: Category;
  depth: number;
  all: Category[];
  canManage: boolean;
  onUpdate: (patch: { name?: string; nameEn?: string | null; parentId?: string | null; position?: number }) => void;
  onDelete: () => void;
  busy: boolean;
}) {
  const { t } = useKbI18n();
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState(false);
  const [name, setName] = useState(category.name);
  const [nameEn, setNameEn] = useState(category.nameEn ?? '');
  const siblings = all.filter((c) => c.parentId === category.parentId).sort((a, b) => a.position - b.position);
  const index = siblings.findIndex((c) => c.id === category.id);
  const hasChildren = all.some((c) => c.parentId === category.id);

  return (
    <li className="kb-tree-row" style={{ paddingLeft: 12 + depth * 22 }} data-testid="kb-category-row">
      {editing ? (
        <form
          className="kb-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim()) return;
            onUpdate({ name: name.trim(), nameEn: nameEn.trim() || null });
            setEditing(false);
          }}
        >
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label={t('categories.name')} />
          <input
            value={nameEn}
            onChange={(e) => setNameEn(e.target.value)}
            aria-label={t('categories.nameEn')}
            placeholder={t('categories.nameEn')}
          />
          <button type="submit" className="btn btn-small btn-primary">
            {t('action.save')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
            {t('action.cancel')}
          </button>
        </form>
      ) : (
        <span className="kb-tree-name">
          <span className="kb-tree-icon" aria-hidden="true">
            {hasChildren ? '▾' : '•'}
          </span>
          <strong>{category.name}</strong>
          {category.nameEn && <span className="muted">{category.nameEn}</span>}
        </span>
      )}
      {canManage && !editing && (
        <span className="kb-tree-actions">
          <button
            type="button"
            className="kb-icon-button"
            title={t('categories.up')}
            aria-label={t('categories.up')}
            disabled={busy || index <= 0}
            onClick={() => onUpdate({ position: index - 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className="kb-icon-button"
            title={t('categories.down')}
            aria-label={t('categories.down')}
            disabled={busy || index >= siblings.length - 1}
            onClick={() => onUpdate({ position: index + 1 })}
          >
            ↓
          </button>
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {t('categories.rename')}
          </button>
          {moving ? (
            <CategorySelect
              categories={all}
              value={category.parentId}
              exclude={subtreeOf(all, category.id)}
              onChange={(parentId) => {
                setMoving(false);
                if (parentId !== category.parentId) onUpdate({ parentId });
              }}
              emptyLabel={t('categories.topLevel')}
              label={t('categories.moveTo')}
            />
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setMoving(true)}>
              {t('categories.move')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-danger-ghost"
            disabled={busy || hasChildren}
            title={hasChildren ? t('categories.notEmpty') : undefined}
            onClick={() => {
              if (window.confirm(t('categories.confirmDelete', { name: category.name }))) onDelete();
            }}
          >
            {t('action.delete')}
          </button>
        </span>
      )}
    </li>
  );
}
