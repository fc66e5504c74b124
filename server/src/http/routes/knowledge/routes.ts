import { knowledgeIndex } from '../../../knowledge/index-registry.ts';
import type { App, AppDeps } from '../../types.ts';
import { articleRoutes } from './articles.ts';
import { categoryRoutes } from './categories.ts';
import { retrievalRoutes } from './retrieval.ts';
import { reviewRoutes } from './review.ts';

/** The knowledge base's REST API under /api/v1/kb. */
export async function knowledgeRoutes(app: App, deps: AppDeps): Promise<void> {
  await categoryRoutes(app, deps);
  await articleRoutes(app, deps);
  await reviewRoutes(app, deps);
  await retrievalRoutes(app, deps);
  // In a cluster, another process may publish: follow its events so this process's index catches up within a second.
  const bus = deps.infrastructure?.bus;
  if (bus) {
    const stop = knowledgeIndex(deps.ctx).follow(bus);
    app.addHook('onClose', async () => stop());
  }
}
