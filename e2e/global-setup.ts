import { ensureWebBuilt } from './web-build.ts';

/** vitest globalSetup: build web/dist once before any browser test, if it is not there yet. */
export default function setup(): void {
  ensureWebBuilt();
}
