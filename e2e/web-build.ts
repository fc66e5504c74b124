import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIST = join(REPO_ROOT, 'web', 'dist');
const WEB_SRC = join(REPO_ROOT, 'web', 'src');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The browser tests need the built console and widget. `npm ci` builds them (prepare); build again here when they
 * are missing or older than their sources, so a test never drives yesterday's bundle.
 */
export function ensureWebBuilt(): void {
  const outputs = [join(WEB_DIST, 'console', 'index.html'), join(WEB_DIST, 'widget', 'widget.js')];
  const fresh =
    outputs.every((file) => existsSync(file)) &&
    Math.min(...outputs.map((file) => statSync(file).mtimeMs)) >= newestMtime(WEB_SRC);
  if (fresh) return;
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
