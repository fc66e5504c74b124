import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The house plan's import directions (ARCHITECTURE.md §3, with docs/decisions/0001-security-is-shared.md):
 *   http ──► every module; conversations ──► bot, routing, nlu (message language and sentiment for reports);
 *   bot ──► knowledge, nlu; knowledge ──► nlu;
 *   every module ──► platform and security (identity types, policies, audit); nlu ──► nothing but platform/errors;
 *   analytics and integrations (outbound webhooks) ──► platform only; platform ──► platform only. Entry points (main, server, cli, demo) may import anything.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');

const MAY_IMPORT: Record<string, string[]> = {
  platform: [],
  nlu: [],
  security: ['platform'],
  knowledge: ['platform', 'security', 'nlu'],
  bot: ['platform', 'security', 'knowledge', 'nlu'],
  routing: ['platform', 'security'],
  conversations: ['platform', 'security', 'bot', 'routing', 'nlu'],
  tickets: ['platform', 'security'],
  analytics: ['platform', 'security'],
  integrations: ['platform', 'security'],
  http: [
    'platform',
    'security',
    'conversations',
    'bot',
    'routing',
    'knowledge',
    'nlu',
    'tickets',
    'analytics',
    'integrations',
    'config.ts',
  ],
};
const ENTRY_POINTS = new Set(['main.ts', 'server.ts', 'config.ts', 'cli', 'demo', 'workers']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;
  for (const match of text.matchAll(pattern)) found.push((match[1] ?? match[2] ?? match[3]) as string);
  return found.filter((spec) => spec.startsWith('.'));
}

const topOf = (path: string) => relative(SRC, path).split('/')[0] as string;

describe('import directions', () => {
  it('every relative import follows the house plan', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = topOf(file);
      if (ENTRY_POINTS.has(from)) continue;
      const allowed = MAY_IMPORT[from];
      if (!allowed) {
        violations.push(`${relative(SRC, file)}: module "${from}" is not in the plan's import table`);
        continue;
      }
      for (const spec of importsOf(file)) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) {
          // Tests and shared test contracts may use server/test/support.
          if (!/\.(test|contract)\.ts$/.test(file))
            violations.push(`${relative(SRC, file)} imports outside src: ${spec}`);
          continue;
        }
        const to = topOf(target);
        if (to === from) continue;
        // nlu is publishable alone: the only thing it may take from the project is the error type.
        if (from === 'nlu' && relative(SRC, target) === 'platform/errors.ts') continue;
        if (!allowed.includes(to))
          violations.push(`${relative(SRC, file)} → ${relative(SRC, target)} (${from} may not import ${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('recognizes a violation (the checker itself is not blind)', () => {
    expect(MAY_IMPORT.nlu).toEqual([]);
    expect(MAY_IMPORT.analytics).not.toContain('conversations');
    expect(importsOf(fileURLToPath(import.meta.url)).length).toBe(0);
    const httpFile = join(SRC, 'http', 'app.ts');
    expect(importsOf(httpFile).some((spec) => spec.includes('routes/'))).toBe(true);
  });
});
