// `lingxi kb eval --pairs <tsv> [--json]`   retrieval quality on a question-pair set (protocol: knowledge/search/eval)
// `lingxi kb fit [--write]`                 re-fits the shipped re-ranker defaults on the project's own corpus
// `lingxi kb import …`                      handled by cli/kb-import.ts
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type EvalReport, evaluatePairs } from '../knowledge/search/eval/evaluate.ts';
import { type PairSet, parsePairs } from '../knowledge/search/eval/pairs.ts';
import { runFit } from '../knowledge/search/training/run-fit.ts';

const USAGE = `Usage: lingxi kb eval --pairs <file.tsv> [--json]
       lingxi kb fit [--write]
       lingxi kb import <file> --workspace <id>
  eval  rows "q1<TAB>q2<TAB>label": label-1 rows join questions into groups; each group's first-seen question is an
        FAQ entry, its other questions are queries; every other question is a distractor entry.
  fit   re-fits the shipped re-ranker defaults on the project's own paraphrase corpus
        (server/src/knowledge/search/training/corpus); prints validation figures; --write saves them.
用法：lingxi kb eval --pairs <文件.tsv> [--json]   （每行：问题1<TAB>问题2<TAB>标签）
      lingxi kb fit [--write]                    （用项目自有语料重新拟合默认重排权重）
`;

function fail(message: string): number {
  process.stderr.write(`lingxi kb: ${message}\n\n${USAGE}`);
  return 2;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export function formatReport(r: EvalReport): string {
  const rows: [string, string][] = [
    ['entries / 条目', String(r.entries)],
    ['queries / 查询', String(r.queries)],
    ['top1', pct(r.top1)],
    ['recall@5', pct(r.recall5)],
    ['MRR@10', r.mrr10.toFixed(4)],
    ['index build / 建索引', `${r.index_seconds.toFixed(2)} s`],
    ['latency p50 / 延迟', `${r.latency_ms.p50.toFixed(2)} ms`],
    ['latency p99 / 延迟', `${r.latency_ms.p99.toFixed(2)} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    'Knowledge retrieval on a pair set / 知识检索评测',
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ].join('\n');
}

function load(path: string): PairSet {
  const set = parsePairs(readFileSync(path, 'utf8'));
  if (set.queries.length === 0) throw new Error(`${path}: no label-1 rows, nothing to evaluate`);
  return set;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    process.stdout.write(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'import') {
    const modulePath = './kb-import.ts'; // written by the knowledge-domain side; loaded only when asked for
    const mod = (await import(modulePath)) as { run(argv: string[]): Promise<number> };
    return mod.run(rest);
  }
  if (sub !== 'eval' && sub !== 'fit') return fail(`unknown subcommand "${sub}"`);
  let values: { pairs?: string; json?: boolean; write?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        pairs: { type: 'string' },
        json: { type: 'boolean', default: false },
        write: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (sub === 'fit') {
    if (values.pairs) return fail('fit reads only the project corpus; evaluation pair sets are never fitted on');
    return runFit({ write: values.write === true, out: (line) => process.stdout.write(`${line}\n`) });
  }
  if (!values.pairs) return fail('--pairs is required');
  try {
    const set = load(values.pairs);
    for (const s of set.skipped.slice(0, 10)) process.stderr.write(`  line ${s.line} skipped: ${s.reason}\n`);
    if (set.skipped.length > 10) process.stderr.write(`  … ${set.skipped.length - 10} more lines skipped\n`);
    const report = evaluatePairs(set);
    process.stdout.write(`${formatReport(report)}\n`);
    if (values.json) {
      const { entries, queries, top1, recall5, mrr10, index_seconds, latency_ms } = report;
      process.stdout.write(
        `${JSON.stringify({ entries, queries, top1, recall5, mrr10, index_seconds, latency_ms })}\n`,
      );
    }
    return 0;
  } catch (err) {
    process.stderr.write(`lingxi kb: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
