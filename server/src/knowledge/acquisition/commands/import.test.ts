import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngines } from '../../../../test/support/engines.ts';
import { DbJobQueue } from '../../../platform/jobs/db-job-queue.ts';
import { listCategories } from '../../category-store.ts';
import { findArticle, listArticles } from '../../store.ts';
import { createTestBed, type KnowledgeTestBed, seedKnowledgeWorkspace } from '../../testing/context.ts';
import { messyWorkbook } from '../import/xlsx.test.ts';
import { createImport } from './create-import.ts';
import { runImport } from './run-import.ts';

const GOOD =
  '问题,相似问题,答案,分类\n如何申请退款？,怎么退款,在订单页申请。,售后/退款\n发票怎么开,,下单时勾选。,财务\nHow do I track my parcel?,,Open "My orders".,Logistics\n';
const BAD = `${GOOD},没有问题的行,有答案,\n运费多少,,,\n`;

describe.each(testEngines())('imports on %s', (engine) => {
  let bed: KnowledgeTestBed;
  let ws: Awaited<ReturnType<typeof seedKnowledgeWorkspace>>;
  let jobs: DbJobQueue;
  beforeEach(async () => {
    bed = createTestBed(await openTestDatabase(engine));
    ws = await seedKnowledgeWorkspace(bed.ctx);
    jobs = new DbJobQueue({ db: bed.ctx.db, clock: bed.clock, logger: bed.ctx.logger });
  });
  afterEach(async () => {
    await jobs.close();
    await bed.dispose();
  });

  const upload = (fileName: string, bytes: Buffer, skipBadRows = false) =>
    createImport(bed.ctx, jobs, {
      workspaceId: ws.workspaceId,
      fileName,
      bytes,
      skipBadRows,
      createdBy: ws.editor.id,
      maxBytes: 1024 * 1024,
    });

  it('imports a GBK CSV as drafts with their categories, in one go, and reports progress', async () => {
    const created = await upload('常见问题.csv', iconv.encode(GOOD, 'gbk'));
    expect(created.status).toBe('queued');
    const seen: number[] = [];
    const done = await runImport(bed.ctx, {
      workspaceId: ws.workspaceId,
      importId: created.id,
      onProgress: (p) => seen.push(p),
    });
    expect(done).toMatchObject({
      status: 'succeeded',
      importedCount: 3,
      problemCount: 0,
      encoding: 'gb18030',
      progress: 100,
    });
    expect(seen.at(-1)).toBe(100);
    const articles = await Promise.all(done!.articleIds.map((id) => findArticle(bed.ctx.db, ws.workspaceId, id)));
    expect(articles.map((a) => [a?.status, a?.title, a?.liveVersion])).toEqual([
      ['draft', '如何申请退款？', null],
      ['draft', '发票怎么开', null],
      ['draft', 'How do I track my parcel?', null],
    ]);
    expect(articles[0]?.source).toMatchObject({ type: 'import', importId: created.id, line: 2 });
    expect(articles[2]?.language).toBe('en');
    const categories = await listCategories(bed.ctx.db, ws.workspaceId);
    const refund = categories.find((c) => c.name === '退款');
    expect(categories.find((c) => c.id === refund?.parentId)?.name).toBe('售后');
    expect(articles[0]?.categoryId).toBe(refund?.id);
    // Delivered twice (at-least-once jobs): nothing is imported twice.
    await runImport(bed.ctx, { workspaceId: ws.workspaceId, importId: created.id });
    expect(await listArticles(bed.ctx.db, ws.workspaceId)).toHaveLength(3);
  });

  it('imports nothing when a row is bad, and reports each bad row by line', async () => {
    const created = await upload('faq.csv', Buffer.from(BAD));
    const done = await runImport(bed.ctx, { workspaceId: ws.workspaceId, importId: created.id });
    expect(done).toMatchObject({ status: 'failed', importedCount: 0, problemCount: 2 });
    expect(done?.problems.map((p) => [p.line, p.code])).toEqual([
      [5, 'missing_question'],
      [6, 'missing_answer'],
    ]);
    expect(await listArticles(bed.ctx.db, ws.workspaceId)).toHaveLength(0);
    expect(await listCategories(bed.ctx.db, ws.workspaceId)).toHaveLength(0);
  });

  it('imports the good rows when asked to skip bad ones', async () => {
    const created = await upload('faq.csv', Buffer.from(BAD), true);
    const done = await runImport(bed.ctx, { workspaceId: ws.workspaceId, importId: created.id });
    expect(done).toMatchObject({ status: 'succeeded', importedCount: 3, problemCount: 2 });
  });

  it('imports an XLSX with merged cells, empty rows and formulas', async () => {
    const created = await upload('faq.xlsx', await messyWorkbook(), true);
    const done = await runImport(bed.ctx, { workspaceId: ws.workspaceId, importId: created.id });
    expect(done).toMatchObject({ status: 'succeeded', importedCount: 5, problemCount: 1 });
    const titles = (await listArticles(bed.ctx.db, ws.workspaceId)).map((a) => a.title).sort();
    expect(titles).toContain('运费怎么算');
    expect(titles).toContain('When will my parcel arrive?');
  });

  it('reports an answer that is only unsafe markup as empty, at its line', async () => {
    const created = await upload(
      'faq.csv',
      Buffer.from('问题,答案\n第一行,好的答案\n第二行,<p><script>alert(1)</script></p>\n'),
    );
    const done = await runImport(bed.ctx, { workspaceId: ws.workspaceId, importId: created.id });
    expect(done?.status).toBe('failed');
    expect(done?.problems[0]).toMatchObject({ line: 3, code: 'missing_answer' });
    expect(await listArticles(bed.ctx.db, ws.workspaceId)).toHaveLength(0);
  });

  it('rolls every row back when the database fails mid-way', async () => {
    // A trigger makes the third article's insert fail after two drafts and a category were written.
    if (engine === 'postgres') {
      await sql
        .raw(`create function refuse_article() returns trigger language plpgsql as $$
          begin if new.title = 'How do I track my parcel?' then raise exception 'disk full'; end if; return new; end $$;
          create trigger refuse_article before insert on kb_articles for each row execute function refuse_article()`)
        .execute(bed.ctx.db);
    } else {
      await sql
        .raw(`create trigger refuse_article before insert on kb_articles when new.title = 'How do I track my parcel?'
          begin select raise(abort, 'disk full'); end`)
        .execute(bed.ctx.db);
    }
    const created = await upload('faq.csv', Buffer.from(GOOD));
    await expect(runImport(bed.ctx, { workspaceId: ws.workspaceId, importId: created.id })).rejects.toThrow(
      /disk full/,
    );
    expect(await listArticles(bed.ctx.db, ws.workspaceId)).toHaveLength(0);
    expect(await listCategories(bed.ctx.db, ws.workspaceId)).toHaveLength(0);
  });

  it('refuses an unsupported or oversized file before storing it', async () => {
    await expect(upload('virus.exe', Buffer.from('MZ...'))).rejects.toMatchObject({ code: 'unsupported_media_type' });
    await expect(upload('big.csv', Buffer.alloc(2 * 1024 * 1024, 0x41))).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });
});
