/**
 * The one binary: `lingxi serve | migrate | nlu …`. Each command lives in server/src/cli and is loaded on demand so
 * that `lingxi nlu eval` does not pay for the HTTP stack and `serve` does not pay for evaluation code.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  serve: { summary: 'run Lingxi (all roles, or --roles web,ws,worker,cron)', load: () => import('./cli/serve.ts') },
  migrate: { summary: 'apply database migrations and exit', load: () => import('./cli/migrate.ts') },
  bot: { summary: 'bot tools: bot test <file.yaml> --workspace <id>', load: () => import('./cli/bot.ts') },
  nlu: {
    summary: 'language engine tools: nlu eval --task intent|sentiment|entity …',
    load: () => import('./cli/nlu.ts'),
  },
  bench: {
    summary: 'staffing simulator and routing speed: bench routing [--agents 8 …]',
    load: () => import('./cli/bench.ts'),
  },
  kb: {
    summary: 'knowledge base tools: kb eval --pairs <tsv> [--json] · kb fit · kb import',
    load: () => import('./cli/kb.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: lingxi <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`lingxi: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
}

const exitCode = await main(process.argv.slice(2));
if (exitCode !== -1) process.exitCode = exitCode;
