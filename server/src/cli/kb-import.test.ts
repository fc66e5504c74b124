import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, sqliteFile } from '../config.ts';
import { listArticles } from '../knowledge/store.ts';
import { LocalBus } from '../platform/bus/local-bus.ts';
import { systemClock } from '../platform/clock.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createLogger } from '../platform/logger.ts';
import { createWorkspace } from '../security/commands/create-workspace.ts';
import { run } from './kb-import.ts';

/** `lingxi kb import` against an embedded database in a temporary data folder. */
describe('lingxi kb import', () => {
  let dir: string;
  let workspaceId: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lingxi-kb-import-'));
    process.env.LINGXI_DATA_DIR = dir;
    delete process.env.LINGXI_DATABASE_URL;
    const database = await openDatabase({ url: sqliteFile(loadConfig()) });
    await migrateToLatest(database.db);
    const logger = createLogger({ level: 'silent' });
    const ctx = {
      db: database.db,
      engine: database.engine,
      clock: systemClock,
      logger,
      bus: new LocalBus({ logger }),
      secret: 'x'.repeat(32),
    };
    workspaceId = (await createWorkspace(ctx, { name: '命令行商店' })).id;
    await database.close();
  });
  afterAll(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const capture = async (argv: string[]) => {
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      return { code: await run(argv), out };
    } finally {
      write.mockRestore();
      err.mockRestore();
    }
  };

  const articles = async () => {
    const database = await openDatabase({ url: sqliteFile(loadConfig()) });
    try {
      return await listArticles(database.db, workspaceId);
    } finally {
      await database.close();
    }
  };

  it('imports a GBK CSV as drafts', async () => {
    const file = join(dir, '常见问题.csv');
    writeFileSync(file, iconv.encode('问题,答案\n如何申请退款？,在订单页申请。\n发票怎么开,下单时勾选。\n', 'gbk'));
    const { code, out } = await capture([file, '--workspace', workspaceId, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ status: 'succeeded', imported: 2, encoding: 'gb18030' });
    expect((await articles()).map((a) => a.status)).toEqual(['draft', 'draft']);
  });

  it('refuses a file with a bad row, listing it by line, unless asked to skip', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '问题,答案\n运费多少,\n积分怎么用,下单时抵扣。\n');
    const refused = await capture([file, '--workspace', workspaceId]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('line 2 [answer]: The answer is empty / 第 2 行：答案为空');
    expect(await articles()).toHaveLength(2);
    const skipped = await capture([file, '--workspace', workspaceId, '--skip-bad-rows']);
    expect(skipped.code).toBe(0);
    expect(await articles()).toHaveLength(3);
  });

  it('explains its arguments', async () => {
    expect((await capture(['--workspace', workspaceId])).code).toBe(2);
    expect((await capture([join(dir, 'x.csv')])).code).toBe(2);
    expect((await capture([join(dir, 'missing.csv'), '--workspace', workspaceId])).code).toBe(2);
    expect((await capture([join(dir, 'bad.csv'), '--workspace', 'ws_00000000000000000000000000'])).code).toBe(2);
  });
});
