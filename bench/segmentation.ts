// Segmentation throughput vs raw @node-rs/jieba. Messages: CLUENER2020 dev texts (news sentences, read from the
// shared datasets folder when present) plus the generated customer-service sentences, some of them converted to
// traditional characters and full-width forms so the normalization paths are exercised.
// Run: npx tsx bench/segmentation.ts
import { existsSync, readFileSync } from 'node:fs';
import * as OpenCC from 'opencc-js';
import { generateBuiltinFixtures } from '../server/src/nlu/entities/fixtures/builtin-fixtures.ts';
import { parseClueNerJson } from '../server/src/nlu/entities/labeller/annotated.ts';
import { benchSegmentation } from '../server/src/nlu/eval/segmentation.ts';

const CLUENER_DEV = new URL('../../shared/datasets/cluener2020/dev.json', import.meta.url);

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
const fixtures = generateBuiltinFixtures(2000, 7).map((s) => s.text);
const texts = [...fixtures, ...fixtures.slice(0, 400).map((t) => toTraditional(t))];
let corpus = 'generated customer-service sentences (20% traditional)';
if (existsSync(CLUENER_DEV)) {
  texts.push(...parseClueNerJson(readFileSync(CLUENER_DEV, 'utf8')).map((r) => r.text));
  corpus += ' + CLUENER2020 dev texts';
}

const all = benchSegmentation(texts, { rounds: 21 });
// the traditional messages alone: the path where characters are converted
const traditional = benchSegmentation(
  fixtures.slice(0, 400).map((t) => toTraditional(t)),
  { rounds: 21 },
);
console.log(JSON.stringify({ corpus, ...all, traditionalOnly: traditional }, null, 2));
