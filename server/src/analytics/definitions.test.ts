import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS, METRICS } from './definitions.ts';
import { EVENT_CATALOGUE } from './event-catalogue.ts';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'metrics.md');

describe('metric catalogue', () => {
  it('defines every metric in both languages, and docs/metrics.md says the same', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const id of METRIC_IDS) {
      const metric = METRICS[id];
      expect(metric.id).toBe(id);
      for (const text of [metric.name.zh, metric.name.en, metric.definition.zh, metric.definition.en]) {
        expect(text.trim().length, id).toBeGreaterThan(1);
        expect(doc, `${id}: ${text}`).toContain(text);
      }
    }
    for (const event of EVENT_CATALOGUE) expect(doc).toContain(`\`${event.type}\``);
  });
});
