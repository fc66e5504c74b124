// `lingxi nlu eval --task intent|sentiment|entity --train <file> --test <file> [--oos-label <name>] [--json]`
// Prints a readable table; with --json the last line is one JSON object with the metrics.
import { parseArgs } from 'node:util';
import { evaluateIntents } from '../nlu/eval/intent.ts';
import { evaluateSentiment } from '../nlu/eval/sentiment.ts';

const USAGE = `Usage: lingxi nlu eval --task intent|sentiment|entity --test <file> [--train <file>] [--oos-label <name>] [--threshold <0..1>] [--json]
  intent     CSV with columns text,intent (--train required); rows labelled --oos-label (default "oos") are out of scope
  sentiment  CSV with columns text,label; without --train the built-in lexicon model is scored
  entity     CLUENER2020 JSON lines (--train optional: the test file is split when absent)
用法：lingxi nlu eval --task intent|sentiment|entity --test <文件> [--train <文件>] [--oos-label <名称>] [--json]
`;

type Row = [string, string];

function table(title: string, rows: Row[]): string {
  const width = Math.max(...rows.map((r) => r[0].length));
  return [title, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(2)}%`);

function fail(message: string): number {
  process.stderr.write(`lingxi nlu: ${message}\n\n${USAGE}`);
  return 2;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    process.stdout.write(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'eval') return fail(`unknown subcommand "${sub}"`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        task: { type: 'string' },
        train: { type: 'string' },
        test: { type: 'string' },
        'oos-label': { type: 'string' },
        threshold: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  const task = values.task as string | undefined;
  const train = values.train as string | undefined;
  const test = values.test as string | undefined;
  if (!task) return fail('--task is required');
  if (!test) return fail('--test is required');
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1))
    return fail('--threshold must be between 0 and 1');
  try {
    const report = await evaluate(task, {
      train,
      test,
      oosLabel: values['oos-label'] as string | undefined,
      threshold,
    });
    if (report === undefined) return fail(`unknown task "${task}" (intent, sentiment or entity)`);
    process.stdout.write(`${report.table}\n`);
    for (const w of report.warnings.slice(0, 20)) process.stdout.write(`  warning: ${w}\n`);
    if (report.warnings.length > 20) process.stdout.write(`  … ${report.warnings.length - 20} more warnings\n`);
    if (values.json) process.stdout.write(`${JSON.stringify(report.json)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`lingxi nlu: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

interface Printed {
  table: string;
  warnings: string[];
  json: Record<string, unknown>;
}

async function evaluate(
  task: string,
  o: { train?: string; test: string; oosLabel?: string; threshold?: number },
): Promise<Printed | undefined> {
  if (task === 'intent') {
    if (!o.train) throw new Error('--train is required for --task intent');
    const r = await evaluateIntents({
      trainFile: o.train,
      testFile: o.test,
      oosLabel: o.oosLabel,
      threshold: o.threshold,
    });
    const { warnings, ...json } = r;
    return {
      table: table(`Intent evaluation (${r.intents} intents, ${r.train_rows} train rows, ${r.test_rows} test rows)`, [
        ['accuracy', pct(r.accuracy)],
        ['in_scope_accuracy', pct(r.in_scope_accuracy)],
        ['oos_recall', pct(r.oos_recall)],
        ['oos_precision', pct(r.oos_precision)],
        ['macro_f1', r.macro_f1.toFixed(4)],
        ['threshold', r.threshold.toFixed(4)],
        ['train_seconds (cpu)', `${r.train_seconds.toFixed(2)} (${r.train_cpu_seconds.toFixed(2)})`],
        ['latency_ms p50 / p99', `${r.latency_ms.p50} / ${r.latency_ms.p99}`],
      ]),
      warnings,
      json: { ...json, warnings: warnings.length },
    };
  }
  if (task === 'sentiment') {
    const r = await evaluateSentiment({ trainFile: o.train, testFile: o.test });
    const { warnings, ...json } = r;
    return {
      table: table(`Sentiment evaluation (${r.model} model, ${r.test_rows} test rows)`, [
        ['accuracy', pct(r.accuracy)],
        ['macro_f1', r.macro_f1.toFixed(4)],
        ['train_seconds', r.train_seconds.toFixed(2)],
        ['latency_ms p50 / p99', `${r.latency_ms.p50} / ${r.latency_ms.p99}`],
      ]),
      warnings,
      json: { ...json, warnings: warnings.length },
    };
  }
  if (task === 'entity') {
    const { evaluateEntities } = await import('../nlu/eval/entity.ts');
    const r = await evaluateEntities({ trainFile: o.train, testFile: o.test });
    const perType = Object.entries(r.perType).map(
      ([type, s]): Row => [`  ${type}`, `P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}`],
    );
    return {
      table: table(`Entity evaluation (${r.trainRows} train rows, ${r.testRows} test rows)`, [
        ['precision', pct(r.precision)],
        ['recall', pct(r.recall)],
        ['f1', pct(r.f1)],
        ['train_seconds', r.trainSeconds.toFixed(2)],
        ...perType,
      ]),
      warnings: [],
      json: { ...r },
    };
  }
  return undefined;
}
