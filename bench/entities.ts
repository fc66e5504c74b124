// Entity evaluations, printed as JSON:
//  - the slot labeller on CLUENER2020: trained on train.json, scored on dev.json (entity-level exact span + type)
//  - the built-in recognizers on the generated customer-service sentences (precision/recall per type)
// Run: npx tsx bench/entities.ts [--skip-cluener] [--holdout] [--write-fixtures <file.jsonl>]
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateBuiltinFixtures } from '../server/src/nlu/entities/fixtures/builtin-fixtures.ts';
import { evaluateBuiltinRecognizers } from '../server/src/nlu/eval/builtin.ts';
import { evaluateEntities } from '../server/src/nlu/eval/entity.ts';

const args = process.argv.slice(2);
const dataset = fileURLToPath(new URL('../../shared/datasets/cluener2020/', import.meta.url));
const round = (x: number) => Math.round(x * 10_000) / 10_000;

const fixturesAt = args.indexOf('--write-fixtures');
if (fixturesAt >= 0 && args[fixturesAt + 1]) {
  const lines = generateBuiltinFixtures(2000, 20240515).map((s) => JSON.stringify(s));
  writeFileSync(args[fixturesAt + 1] as string, `${lines.join('\n')}\n`);
}

const builtin = evaluateBuiltinRecognizers({ count: 2000, seed: 20240515 });
const report: Record<string, unknown> = {
  builtin: {
    sentences: builtin.sentences,
    perType: Object.fromEntries(
      Object.entries(builtin.perType).map(([type, s]) => [
        type,
        { precision: round(s.precision), recall: round(s.recall), valueAccuracy: round(s.valueAccuracy), gold: s.gold },
      ]),
    ),
    errors: builtin.errors.slice(0, 10),
  },
};

if (!args.includes('--skip-cluener') && existsSync(`${dataset}train.json`)) {
  const holdout = args.includes('--holdout'); // tune on a slice of train, never on dev
  const result = await evaluateEntities({
    trainFile: `${dataset}train.json`,
    testFile: holdout ? undefined : `${dataset}dev.json`,
    holdOutShare: 0.1,
  });
  report.cluener = {
    split: holdout ? 'train minus last 10% → last 10% of train' : 'train → dev',
    precision: round(result.precision),
    recall: round(result.recall),
    f1: round(result.f1),
    trainRows: result.trainRows,
    testRows: result.testRows,
    trainSeconds: Math.round(result.trainSeconds * 10) / 10,
    labelSeconds: Math.round(result.labelSeconds * 10) / 10,
    modelBytes: result.modelBytes,
    loadMilliseconds: Math.round(result.loadMilliseconds),
    perType: Object.fromEntries(
      Object.entries(result.perType).map(([t, s]) => [
        t,
        { p: round(s.precision), r: round(s.recall), f1: round(s.f1) },
      ]),
    ),
  };
}

console.log(JSON.stringify(report, null, 2));
