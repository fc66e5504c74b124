import type { BusEvent, BusHandler } from '../platform/bus/bus.ts';
import type { Db } from '../platform/db/database.ts';
import { fromFlag } from '../platform/db/dialect.ts';
import { type ArticleEventPayload, KB_TOPICS } from './events.ts';
import { type LiveArticle, searchDocsOf, toLiveArticle } from './live-docs.ts';
import { listLiveArticlePage, listRecentFeedback, listSynonymSets } from './retrieval-store.ts';
import { createSearchIndex } from './search/search-index.ts';
import type { SearchDoc, SearchIndex, SearchIndexOptions } from './search/types.ts';
import { listLiveArticles } from './store.ts';

/** Articles read per page when a workspace's index is built. */
const BUILD_PAGE = 2_000;

/** One workspace's served knowledge: the search index and the live articles it was built from. */
export interface WorkspaceKnowledge {
  index: SearchIndex;
  live: Map<string, LiveEntry>;
}

/**
 * A live article and its documents in the index: `docIds` null when that is the article's own id alone (a faq, nearly
 * every article), so a workspace of 100,000 FAQs does not keep 100,000 one-element arrays.
 */
export interface LiveEntry {
  article: LiveArticle;
  docIds: readonly string[] | null;
}

export interface RegistryOptions {
  createIndex?: (options: SearchIndexOptions) => SearchIndex;
}

/**
 * Keeps one search index per workspace in memory, built lazily from PUBLISHED articles only (a draft is never in it)
 * on first use, and updated in place when an article's live version changes: by the command that changed it (at
 * once, in this process) and by bus events (in the other processes of a cluster). Updates of one workspace run one
 * after another, each reading the database afresh, so the index always converges on what was committed last.
 */
export class KnowledgeIndexRegistry {
  private readonly workspaces = new Map<string, Promise<WorkspaceKnowledge>>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly createIndex: (options: SearchIndexOptions) => SearchIndex;

  constructor(
    private readonly db: Db,
    options: RegistryOptions = {},
  ) {
    this.createIndex = options.createIndex ?? createSearchIndex;
  }

  /** The workspace's knowledge, building it on first use. */
  workspace(workspaceId: string): Promise<WorkspaceKnowledge> {
    let entry = this.workspaces.get(workspaceId);
    if (!entry) {
      entry = this.build(workspaceId);
      this.workspaces.set(workspaceId, entry);
      // A failed build (database down) is retried on the next use rather than remembered.
      entry.catch(() => this.workspaces.delete(workspaceId));
    }
    return entry;
  }

  isLoaded(workspaceId: string): boolean {
    return this.workspaces.has(workspaceId);
  }

  /** Re-reads these articles' live versions and replaces their documents; a no-op for an unloaded workspace. */
  refreshArticles(workspaceId: string, articleIds: string[]): Promise<void> {
    return this.enqueue(workspaceId, async (knowledge) => {
      const rows = await listLiveArticles(this.db, workspaceId, articleIds);
      const live = new Map(rows.map((row) => [row.id, toLiveArticle(row)]));
      for (const articleId of articleIds) {
        const previous = knowledge.live.get(articleId);
        if (previous) for (const docId of previous.docIds ?? [articleId]) knowledge.index.remove(docId);
        knowledge.live.delete(articleId);
        const article = live.get(articleId);
        if (article) this.add(knowledge, article);
      }
    });
  }

  /** Re-reads the workspace's synonym sets. */
  reloadSynonyms(workspaceId: string): Promise<void> {
    return this.enqueue(workspaceId, async (knowledge) => {
      const sets = await listSynonymSets(this.db, workspaceId);
      knowledge.index.setSynonyms(sets.map((s) => s.terms));
    });
  }

  /** Drops a workspace's index (it is rebuilt on next use). */
  forget(workspaceId: string): void {
    this.workspaces.delete(workspaceId);
  }

  /**
   * Follows the knowledge events of every process (a cluster shares them over Redis). Returns the unsubscribe.
   * The process that made a change already applied it; applying it again is harmless.
   */
  follow(bus: { subscribe(topic: string, handler: BusHandler): () => void }): () => void {
    return bus.subscribe('kb.*', (event: BusEvent) => {
      if (event.type === KB_TOPICS.synonymsChanged) return this.reloadSynonyms(event.workspaceId);
      const payload = event.payload as Partial<ArticleEventPayload> | null;
      if (typeof payload?.articleId !== 'string') return;
      return this.refreshArticles(event.workspaceId, [payload.articleId]);
    });
  }

  private async build(workspaceId: string): Promise<WorkspaceKnowledge> {
    const synonyms = await listSynonymSets(this.db, workspaceId);
    const knowledge: WorkspaceKnowledge = {
      index: this.createIndex({ synonyms: synonyms.map((s) => s.terms) }),
      live: new Map(),
    };
    // In pages, yielding between them: a 100,000-article workspace is read in one pass over the primary key without
    // holding every row at once, and the process keeps answering other requests while it builds.
    let after: string | null = null;
    for (;;) {
      const rows = await listLiveArticlePage(this.db, workspaceId, after, BUILD_PAGE);
      for (const row of rows) this.add(knowledge, toLiveArticle(row));
      if (rows.length < BUILD_PAGE) break;
      after = (rows[rows.length - 1] as { id: string }).id;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // Oldest first, so that newer feedback has the last word.
    const feedback = await listRecentFeedback(this.db, workspaceId);
    for (let i = feedback.length - 1; i >= 0; i--) {
      const f = feedback[i];
      if (f && knowledge.index.has(f.doc_id))
        knowledge.index.learnFromFeedback(f.query, f.doc_id, fromFlag(f.resolved));
    }
    return knowledge;
  }

  private add(knowledge: WorkspaceKnowledge, article: LiveArticle): void {
    const docs = searchDocsOf(article);
    for (const doc of docs) knowledge.index.upsert(doc);
    const own = docs.length === 1 && (docs[0] as SearchDoc).id === article.id;
    knowledge.live.set(article.id, { article, docIds: own ? null : docs.map((d) => d.id) });
  }

  private enqueue(workspaceId: string, task: (knowledge: WorkspaceKnowledge) => Promise<void>): Promise<void> {
    const entry = this.workspaces.get(workspaceId);
    if (!entry) return Promise.resolve();
    const previous = this.queues.get(workspaceId) ?? Promise.resolve();
    const next = previous
      .then(async () => task(await entry))
      .catch(() => {
        // The index may now lag the database: drop it so the next use rebuilds from what was committed.
        this.forget(workspaceId);
      });
    this.queues.set(workspaceId, next);
    return next;
  }
}

const registries = new WeakMap<Db, KnowledgeIndexRegistry>();

/** The registry of this database handle (one per process and database; tests get one per test database). */
export function knowledgeIndex(ctx: { db: Db }): KnowledgeIndexRegistry {
  let registry = registries.get(ctx.db);
  if (!registry) {
    registry = new KnowledgeIndexRegistry(ctx.db);
    registries.set(ctx.db, registry);
  }
  return registry;
}
