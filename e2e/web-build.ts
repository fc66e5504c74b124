import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIST = join(REPO_ROOT, 'web', 'dist');

/**
 * The browser tests need the built console and widget. CI and `npm test` build them first; when they are missing
 * (a fresh checkout running vitest directly) build them once here.
 */
export function ensureWebBuilt(): void {
  const built =
    existsSync(join(WEB_DIST, 'console', 'index.html')) && existsSync(join(WEB_DIST, 'widget', 'widget.js'));
  if (built) return;
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
