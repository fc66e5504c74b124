import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadAcquisitionSettings } from '../../../knowledge/acquisition/settings.ts';
import type { App, AppDeps } from '../../types.ts';
import { crawlRoutes } from './crawl.ts';
import { importRoutes } from './imports.ts';
import { suggestionAndGapRoutes } from './suggestions-and-gaps.ts';

/**
 * Knowledge acquisition under /api/v1/kb: imports, crawl sources, suggestions, gaps. Multipart parsing is registered
 * in this scope only, so no other route starts accepting uploads.
 */
export async function knowledgeAcquisitionRoutes(app: App, deps: AppDeps): Promise<void> {
  const settings = loadAcquisitionSettings();
  await app.register(async (scope) => {
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    // Limits here too: whatever a route forgets, no part is buffered beyond the import limit.
    await typed.register(multipart, { limits: { fileSize: settings.importMaxBytes, files: 1, fields: 10, parts: 20 } });
    await importRoutes(typed, deps, settings);
    await crawlRoutes(typed, deps, settings);
    await suggestionAndGapRoutes(typed, deps);
  });
}
