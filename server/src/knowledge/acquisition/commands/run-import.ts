import type { ServiceContext } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors.ts';
import { listCategories } from '../../category-store.ts';
import { createArticle } from '../../commands/create-article.ts';
import { createCategory } from '../../commands/create-category.ts';
import { htmlToText, sanitizeAnswer } from '../../rich-text.ts';
import type { CategoryRecord, KbActor } from '../../schema.ts';
import { problem } from '../import/faq-table.ts';
import { parseImport } from '../import/parse-import.ts';
import type { ImportEntry, RowProblem } from '../import/types.ts';
import { claimImport, findImport, finishImport, type ImportRecord, readImportContent } from '../import-store.ts';
import { joinTransaction } from '../join-transaction.ts';

export interface RunImportOptions {
  workspaceId: string;
  importId: string;
  /** Live progress (0–100); the worker puts it where the status route reads it while the write is under way. */
  onProgress?: (percent: number) => void;
  utcOffsetMinutes?: number;
}

/**
 * Reads an upload and writes its drafts in one transaction: every row lands, or — when a row is bad and the user did
 * not ask to skip bad rows — none does, and the problems are reported by line. Drafts go to review like any other;
 * an import never publishes. Running it again after it finished does nothing (jobs are delivered at least once).
 */
export async function runImport(ctx: ServiceContext, options: RunImportOptions): Promise<ImportRecord | undefined> {
  const { workspaceId, importId } = options;
  const progress = options.onProgress ?? (() => {});
  const now = () => ctx.clock.now();
  if (!(await claimImport(ctx.db, workspaceId, importId, now()))) return findImport(ctx.db, workspaceId, importId);
  const record = await findImport(ctx.db, workspaceId, importId);
  const bytes = await readImportContent(ctx.db, workspaceId, importId);
  if (!record || !bytes) return record;
  progress(5);
  const parsed = await parseImport(record.fileName, bytes, { utcOffsetMinutes: options.utcOffsetMinutes });
  progress(40);
  const problems = [...parsed.problems];
  const entries = parsed.entries.filter((entry) => {
    // What the article command would refuse, found now so that it is reported by line rather than failing the write.
    if (entry.input.kind !== 'document' && htmlToText(sanitizeAnswer(entry.input.answer ?? '')) === '') {
      problems.push(
        problem(
          entry.line,
          'answer',
          'missing_answer',
          'The answer is empty once unsafe markup is removed',
          '去除不安全内容后答案为空',
        ),
      );
      return false;
    }
    return true;
  });
  problems.sort((a, b) => (a.sheet ?? '').localeCompare(b.sheet ?? '') || a.line - b.line);
  const total = parsed.entries.length + parsed.problems.length;
  const finish = (status: 'succeeded' | 'failed', articleIds: string[], error: string | null) =>
    finishImport(ctx.db, workspaceId, importId, {
      status,
      encoding: parsed.encoding,
      totalEntries: total,
      importedCount: articleIds.length,
      problems,
      articleIds,
      error,
      now: now(),
    });
  if ((problems.length > 0 && !record.skipBadRows) || entries.length === 0) {
    const why = entries.length === 0 ? 'Nothing to import' : `${problems.length} problem(s): nothing was imported`;
    await finish('failed', [], why);
    progress(100);
    return findImport(ctx.db, workspaceId, importId);
  }
  // The uploader authors the drafts; an import from the command line is the system's.
  const actor: KbActor = !record.createdBy
    ? { type: 'system', id: null }
    : { type: record.createdBy.startsWith('tok_') ? 'token' : 'user', id: record.createdBy };
  try {
    const articleIds = await ctx.db.transaction().execute(async (trx) => {
      const inTrx: ServiceContext = { ...ctx, db: joinTransaction(trx) };
      const categories = new CategoryResolver(inTrx, workspaceId, await listCategories(inTrx.db, workspaceId));
      const ids: string[] = [];
      for (const [index, entry] of entries.entries()) {
        const categoryId = entry.categoryPath ? await categories.resolve(entry.categoryPath) : null;
        const article = await createArticle(inTrx, {
          workspaceId,
          input: { ...entry.input, ...(categoryId ? { categoryId } : {}), note: `Imported from ${record.fileName}` },
          actor,
          source: sourceOf(record, entry),
        });
        ids.push(article.id);
        if (index % 50 === 0) progress(40 + Math.floor((59 * index) / entries.length));
      }
      return ids;
    });
    await finish('succeeded', articleIds, null);
  } catch (error) {
    if (!isAppError(error)) throw error;
    // A refusal by the article command (a bad category, a conflict): the transaction rolled back, nothing was written.
    problems.push(problemFromError(error.message));
    await finish('failed', [], error.message);
  }
  progress(100);
  return findImport(ctx.db, workspaceId, importId);
}

function sourceOf(record: ImportRecord, entry: ImportEntry): Record<string, unknown> {
  return {
    type: 'import',
    importId: record.id,
    file: record.fileName,
    line: entry.line,
    ...(entry.sheet ? { sheet: entry.sheet } : {}),
  };
}

function problemFromError(message: string): RowProblem {
  return problem(0, null, 'invalid_value', message, `导入失败：${message}`);
}

/** Finds a category by its path of names (Chinese or English), creating the missing ones inside the import. */
class CategoryResolver {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly workspaceId: string,
    private readonly existing: CategoryRecord[],
  ) {}

  async resolve(path: string[]): Promise<string | null> {
    let parentId: string | null = null;
    for (const [depth, name] of path.entries()) {
      const key = path
        .slice(0, depth + 1)
        .join('/')
        .toLowerCase();
      const cached = this.cache.get(key);
      if (cached) {
        parentId = cached;
        continue;
      }
      const wanted = name.toLowerCase();
      const found = this.existing.find(
        (c) => c.parentId === parentId && (c.name.toLowerCase() === wanted || c.nameEn?.toLowerCase() === wanted),
      );
      const id: string =
        found?.id ??
        (
          await createCategory(this.ctx, {
            workspaceId: this.workspaceId,
            input: { name: name.slice(0, 100), parentId },
          })
        ).id;
      this.cache.set(key, id);
      parentId = id;
    }
    return parentId;
  }
}
