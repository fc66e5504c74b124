import { mkdirSync, readFileSync } from 'node:fs';
import { configureBot } from '../bot/index.ts';
import { loadConfig, sqliteFile } from '../config.ts';
import { LocalBus } from '../platform/bus/local-bus.ts';
import { systemClock } from '../platform/clock.ts';
import { openDatabase } from '../platform/db/database.ts';
import { createLogger } from '../platform/logger.ts';
import { formatReport, parseBotTests, runBotTests } from './bot-test.ts';

const USAGE = `Usage: lingxi bot test <file.yaml> --workspace <id> [--base-url <url>] [--json]

Runs scripted dialogues against the workspace's bot and prints a pass/fail report (exit code 1 on a failure).
Each dialogue talks as a new widget customer; flow actions with relative URLs call --base-url (default: this
installation at http://127.0.0.1:<port>).
`;

/** `lingxi bot test`: the bot's regression tests, written by the people who configure it. */
export async function run(argv: string[]): Promise<number> {
  const [sub, file, ...rest] = argv;
  if (sub !== 'test' || !file) {
    process.stderr.write(USAGE);
    return 2;
  }
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const workspaceId = option('--workspace');
  if (!workspaceId) {
    process.stderr.write(`lingxi bot test: --workspace is required\n\n${USAGE}`);
    return 2;
  }
  let tests: ReturnType<typeof parseBotTests>;
  try {
    tests = parseBotTests(readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`lingxi bot test: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl ?? sqliteFile(config) });
  const logger = createLogger({ level: 'warn' });
  const bus = new LocalBus({ logger });
  const ctx = {
    db: database.db,
    engine: database.engine,
    clock: systemClock,
    logger,
    bus,
    secret: config.secret ?? 'bot-test',
  };
  configureBot(ctx, { selfUrl: option('--base-url') ?? `http://127.0.0.1:${config.port}` });
  try {
    const results = await runBotTests(ctx, workspaceId, tests);
    process.stdout.write(rest.includes('--json') ? `${JSON.stringify(results)}\n` : `${formatReport(results)}\n`);
    return results.every((r) => r.passed) ? 0 : 1;
  } finally {
    await bus.close();
    await database.close();
  }
}
