// `lingxi kb import <file> --workspace <id> [--skip-bad-rows] [--json]`
// Imports a FAQ sheet (.csv/.tsv/.xlsx), a Markdown, HTML, .docx or PDF file into a workspace as drafts for review,
// the same way the console's import does: atomically, with the problems reported by line.
import { mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, sqliteFile } from '../config.ts';
import { createImport } from '../knowledge/acquisition/commands/create-import.ts';
import { runImport } from '../knowledge/acquisition/commands/run-import.ts';
import { loadAcquisitionSettings } from '../knowledge/acquisition/settings.ts';
import { LocalBus } from '../platform/bus/local-bus.ts';
import { systemClock } from '../platform/clock.ts';
import type { ServiceContext } from '../platform/context.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { isAppError } from '../platform/errors.ts';
import { createLogger } from '../platform/logger.ts';
import { findWorkspace } from '../security/store.ts';

const USAGE = `Usage: lingxi kb import <file> --workspace <id> [--skip-bad-rows] [--json]
  Imports .csv/.tsv/.xlsx FAQ sheets (columns 问题/question, 答案/answer, optional 相似问题, 分类, 标签, 渠道, 语言,
  生效时间, 失效时间), .md, .html, .docx and .pdf files as drafts for review. Nothing is imported when a row is bad,
  unless --skip-bad-rows is given. Exit code 0 when imported, 1 when refused.
用法：lingxi kb import <文件> --workspace <工作区ID> [--skip-bad-rows] [--json]
  导入为待审核的草稿；任何一行有误则全部不导入（并按行号列出问题），除非指定 --skip-bad-rows。
`;

function fail(message: string): number {
  process.stderr.write(`lingxi kb import: ${message}\n\n${USAGE}`);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  let parsed: {
    values: { workspace?: string; 'skip-bad-rows'?: boolean; json?: boolean; help?: boolean };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        workspace: { type: 'string' },
        'skip-bad-rows': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) return fail('give exactly one file');
  if (!values.workspace) return fail('--workspace <id> is required');
  const settings = loadAcquisitionSettings();
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return fail(`cannot read ${file}`);
  }
  // Checked before reading: a file over the limit is never loaded.
  if (size > settings.importMaxBytes)
    return fail(`${file} is ${size} bytes; the limit is ${settings.importMaxBytes} (LINGXI_KB_IMPORT_MAX_BYTES)`);

  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl ?? sqliteFile(config) });
  const logger = createLogger({ level: 'silent' });
  const bus = new LocalBus({ logger });
  try {
    await migrateToLatest(database.db);
    const ctx: ServiceContext = {
      db: database.db,
      engine: database.engine,
      clock: systemClock,
      logger,
      bus,
      secret: config.secret ?? 'cli',
    };
    if (!(await findWorkspace(ctx.db, values.workspace))) return fail(`no workspace ${values.workspace}`);
    const record = await createImport(ctx, undefined, {
      workspaceId: values.workspace,
      fileName: basename(file),
      bytes: await readFile(file),
      skipBadRows: values['skip-bad-rows'] ?? false,
      createdBy: null,
      maxBytes: settings.importMaxBytes,
    });
    let shown = -10;
    const done = await runImport(ctx, {
      workspaceId: values.workspace,
      importId: record.id,
      utcOffsetMinutes: settings.utcOffsetMinutes,
      onProgress: (p) => {
        if (values.json || p < shown + 10) return;
        shown = p;
        process.stderr.write(`progress ${p}%\n`);
      },
    });
    if (!done) return fail('the import vanished');
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ id: done.id, status: done.status, format: done.format, encoding: done.encoding, imported: done.importedCount, problems: done.problems, articleIds: done.articleIds })}\n`,
      );
    } else {
      process.stdout.write(
        `${done.status === 'succeeded' ? 'imported' : 'refused'}: ${done.importedCount} draft(s) from ${done.fileName} (${done.format}${done.encoding ? `, ${done.encoding}` : ''})\n`,
      );
      process.stdout.write(`${done.status === 'succeeded' ? '已导入' : '未导入'}：${done.importedCount} 篇草稿\n`);
      for (const p of done.problems) {
        process.stdout.write(
          `  ${p.sheet ? `${p.sheet} ` : ''}line ${p.line}${p.field ? ` [${p.field}]` : ''}: ${p.message} / 第 ${p.line} 行：${p.messageZh}\n`,
        );
      }
      if (done.error && done.problems.length === 0) process.stdout.write(`  ${done.error}\n`);
    }
    return done.status === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (isAppError(error)) return fail(error.message);
    throw error;
  } finally {
    await bus.close();
    await database.close();
  }
}
