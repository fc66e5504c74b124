import type { CompiledQuery } from 'kysely';
import type { BusEvent } from '../platform/bus/bus.ts';
import { LocalBus } from '../platform/bus/local-bus.ts';
import { ManualClock } from '../platform/clock.ts';
import type { ServiceContext } from '../platform/context.ts';
import type { Database, Db } from '../platform/db/database.ts';
import { LocalLock } from '../platform/lock/local-lock.ts';
import { createLogger } from '../platform/logger.ts';
import { createUser } from '../security/commands/create-user.ts';
import { createWorkspace } from '../security/commands/create-workspace.ts';
import { saveAgentProfile } from './agent-store.ts';
import { setPresence } from './commands/set-presence.ts';
import type { ConversationPort, RoutingDeps } from './ports.ts';
import type { AgentProfileInput } from './schema.ts';

/**
 * A routing test bed on a real database: a workspace, agents with profiles, and a conversations stand-in that
 * records what routing asked of it (routing may not import conversations). Tests can make it refuse (a conversation
 * closed meanwhile) or act mid-assignment (an agent disconnecting).
 */
export interface FakeConversations extends ConversationPort {
  status: Map<string, { status: 'queued' | 'assigned'; agentId: string | null }>;
  notes: string[];
  gone: Set<string>;
  /** Runs inside assign(), before it answers: lets a test disconnect an agent mid-assignment. */
  during?: (conversationId: string, agentId: string) => Promise<void>;
}

export function fakeConversations(): FakeConversations {
  const port: FakeConversations = {
    status: new Map(),
    notes: [],
    gone: new Set(),
    async assign({ conversationId, agentId }) {
      await port.during?.(conversationId, agentId);
      if (port.gone.has(conversationId)) return 'gone';
      port.status.set(conversationId, { status: 'assigned', agentId });
      return 'assigned';
    },
    async requeue({ conversationId }) {
      if (port.gone.has(conversationId)) return 'gone';
      port.status.set(conversationId, { status: 'queued', agentId: null });
      return 'queued';
    },
    async post({ text }) {
      port.notes.push(text);
    },
  };
  return port;
}

export interface RoutingBed {
  ctx: ServiceContext;
  clock: ManualClock;
  bus: LocalBus;
  deps: RoutingDeps;
  port: FakeConversations;
  workspaceId: string;
  events: BusEvent[];
  addAgent(name: string, profile: Partial<AgentProfileInput>, online?: boolean): Promise<string>;
  close(): Promise<void>;
}

export async function routingBed(database: Database): Promise<RoutingBed> {
  const logger = createLogger({ level: 'silent' });
  const clock = new ManualClock(Date.UTC(2026, 10, 26, 2, 0, 0));
  const bus = new LocalBus({ logger });
  const ctx: ServiceContext = {
    db: database.db,
    engine: database.engine,
    clock,
    logger,
    bus,
    secret: 'routing-test-secret-0123456789abcdef',
  };
  const workspace = await createWorkspace(ctx, { name: '灵犀路由测试' });
  const port = fakeConversations();
  const events: BusEvent[] = [];
  bus.subscribe('*', (event) => {
    events.push(event);
  });
  let n = 0;
  return {
    ctx,
    clock,
    bus,
    port,
    workspaceId: workspace.id,
    events,
    deps: { ctx, lock: new LocalLock({ clock }), conversations: port },
    async addAgent(name, profile, online = true) {
      const user = await createUser(ctx, {
        workspaceId: workspace.id,
        input: {
          email: `agent${n++}@example.test`,
          name,
          role: 'agent',
          password: 'correct-horse-battery',
          locale: 'zh-CN',
        },
        actor: { kind: 'anonymous' },
      });
      await saveAgentProfile(
        ctx.db,
        workspace.id,
        user.id,
        {
          skills: {},
          languages: [],
          teams: ['general'],
          level: 1,
          capacity: { web_widget: 1, api: 0 },
          ...profile,
        },
        clock.now(),
      );
      if (online) await setPresence(ctx, { workspaceId: workspace.id, userId: user.id, status: 'online' });
      return user.id;
    },
    async close() {
      await bus.settle();
      await bus.close();
    },
  };
}

/**
 * The database handle, with every SELECT on queue_entries noted. At the executor, not in a plugin: query templates
 * (findQueueEntry) are compiled once and skip plugins.
 */
export function countingQueueReads(db: Db, reads: string[]): Db {
  const counted = db.withPlugin({ transformQuery: ({ node }) => node, transformResult: async ({ result }) => result });
  const executor = counted.getExecutor();
  const execute = executor.executeQuery.bind(executor);
  executor.executeQuery = ((query: CompiledQuery) => {
    if (query.query.kind === 'SelectQueryNode' && /\bqueue_entries\b/.test(query.sql)) reads.push(query.sql);
    return execute(query);
  }) as typeof executor.executeQuery;
  return counted;
}
