import type { Selectable } from 'kysely';
import type { ServiceContext } from '../platform/context.ts';
import type { Db } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';
import { deleteEndpoint, endpointEvents, insertEndpoint, listEndpoints, type WebhookEndpointTable } from './store.ts';

/**
 * Each workspace's webhook endpoints, kept in memory: every bus event (each message among them) needs the list, and
 * it changes only when an admin edits it. Changes made through createEndpoint/removeEndpoint drop this process's
 * copy at once, after the write, and reach other processes on the bus
 * (ENDPOINTS_CHANGED). The Redis bus delivers at most once, so a copy also expires after ENDPOINT_CACHE_TTL_MS: a
 * lost announcement leaves another process stale for that long at most. Even then nothing reaches a deleted
 * endpoint: a delivery re-reads its endpoint before sending, and a delivery for a deleted one cannot be recorded.
 */
export const ENDPOINTS_CHANGED = 'webhooks.endpoints_changed';
export const ENDPOINT_CACHE_TTL_MS = 5_000;
/** Past this many cached workspaces the cache starts over (it holds only lists an event asked for recently). */
const MAX_WORKSPACES = 10_000;

export type CachedEndpoint = Selectable<WebhookEndpointTable> & { subscribed: readonly string[] };

interface Entry {
  endpoints: CachedEndpoint[];
  until: number;
}

interface Cache {
  entries: Map<string, Entry>;
  /** Reads in flight, shared by the events that arrive meanwhile. */
  loading: Map<string, Promise<CachedEndpoint[]>>;
  /** Counts invalidations: a read that started before one does not fill the cache with what it saw. */
  epoch: number;
}

// One cache per database (tests open many; a server has one). Workspace ids are the keys: tenants never share.
const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: new Map(), loading: new Map(), epoch: 0 };
    caches.set(db, cache);
  }
  return cache;
}

/** The workspace's endpoints, with the events each subscribes to parsed. Synchronous when cached. */
export function endpointsFor(ctx: ServiceContext, workspaceId: string): CachedEndpoint[] | Promise<CachedEndpoint[]> {
  const cache = cacheOf(ctx.db);
  const entry = cache.entries.get(workspaceId);
  if (entry !== undefined && entry.until > ctx.clock.now()) return entry.endpoints;
  return cache.loading.get(workspaceId) ?? load(ctx, cache, workspaceId);
}

function load(ctx: ServiceContext, cache: Cache, workspaceId: string): Promise<CachedEndpoint[]> {
  const epoch = cache.epoch;
  const loading = listEndpoints(ctx.db, workspaceId).then(
    (rows) => {
      const endpoints = rows.map((row) => ({ ...row, subscribed: endpointEvents(row) }));
      if (cache.loading.get(workspaceId) === loading) cache.loading.delete(workspaceId);
      if (cache.epoch === epoch) {
        if (cache.entries.size >= MAX_WORKSPACES) cache.entries.clear();
        cache.entries.set(workspaceId, { endpoints, until: ctx.clock.now() + ENDPOINT_CACHE_TTL_MS });
      }
      return endpoints;
    },
    (error: unknown) => {
      if (cache.loading.get(workspaceId) === loading) cache.loading.delete(workspaceId);
      throw error;
    },
  );
  cache.loading.set(workspaceId, loading);
  return loading;
}

/** Drops this process's copy of a workspace's endpoints (the next event reads them again). */
export function forgetEndpoints(db: Db, workspaceId: string): void {
  const cache = caches.get(db);
  if (!cache) return;
  cache.epoch++;
  cache.entries.delete(workspaceId);
  cache.loading.delete(workspaceId);
}

/** After a committed change to a workspace's endpoints: drops the copy here and tells the other processes. */
async function endpointsChanged(ctx: ServiceContext, workspaceId: string): Promise<void> {
  forgetEndpoints(ctx.db, workspaceId);
  await ctx.bus.publish(ENDPOINTS_CHANGED, {
    type: ENDPOINTS_CHANGED,
    workspaceId,
    id: newId('evt'),
    at: ctx.clock.now(),
    payload: null,
  });
}

export async function createEndpoint(ctx: ServiceContext, row: WebhookEndpointTable): Promise<void> {
  await insertEndpoint(ctx.db, row);
  await endpointsChanged(ctx, row.workspace_id);
}

/** False when the workspace has no such endpoint. */
export async function removeEndpoint(ctx: ServiceContext, workspaceId: string, id: string): Promise<boolean> {
  const deleted = await deleteEndpoint(ctx.db, workspaceId, id);
  if (deleted) await endpointsChanged(ctx, workspaceId);
  return deleted;
}
