import { createHash } from 'node:crypto';
import { createUnderstander, type IntentModel, trainIntentModelInWorker, type Understander } from '../nlu/index.ts';
import type { ServiceContext } from '../platform/context.ts';
import { fromJson } from '../platform/db/dialect.ts';
import { type IntentVocabulary, intentVocabulary } from './intent-support.ts';
import { type KnowledgeSearch, knowledgeBaseSearch } from './knowledge.ts';
import { BotSettings, FlowDefinition, IntentExamples } from './schema.ts';
import { configVersion, findBotConfig, listFlows } from './store.ts';

/** Everything the bot of one workspace needs per message, loaded once and kept while its configuration is unchanged. */
export interface WorkspaceBot {
  workspaceId: string;
  enabled: boolean;
  settings: BotSettings;
  /** Flows by the intent that starts them. */
  flows: Map<string, FlowDefinition>;
  intents: string[];
  /** The content words of each intent's examples, to tell a supported intent from the model's guess. */
  vocabulary: IntentVocabulary;
  understander: Understander;
  version: string;
}

/** Process-wide wiring that is not per workspace: the knowledge base and the base URL of relative flow actions. */
export interface BotWiring {
  knowledge: KnowledgeSearch;
  /** This server's own URL (set once it listens), the default base of relative action URLs. */
  selfUrl: string;
  /** Extra headers for flow actions (tests). */
  fetch: typeof fetch;
}

interface Runtime {
  wiring: BotWiring;
  bots: Map<string, { loading: Promise<WorkspaceBot | undefined>; checkedAt: number }>;
  /** Workspaces whose bot is off, as last read: every customer message asks, and the answer rarely changes. */
  off: Map<string, number>;
}

/** A configuration change reaches every process within this long (a cached bot re-checks its version). */
const RECHECK_MS = 2_000;

// Keyed by the database handle, so two servers (or two tests) in one process never share a workspace's bot.
const RUNTIMES = new WeakMap<object, Runtime>();
// Models keyed by a hash of their examples: workspaces (and tests) with the same phrases share one trained model.
const MODELS = new Map<string, Promise<IntentModel>>();

function runtimeOf(ctx: ServiceContext): Runtime {
  let runtime = RUNTIMES.get(ctx.db);
  if (!runtime) {
    runtime = {
      wiring: { knowledge: knowledgeBaseSearch, selfUrl: '', fetch: globalThis.fetch },
      bots: new Map(),
      off: new Map(),
    };
    RUNTIMES.set(ctx.db, runtime);
  }
  return runtime;
}

/** Connects the bot to the knowledge base and tells it its own URL (server start-up, tests). */
export function configureBot(ctx: ServiceContext, wiring: Partial<BotWiring>): void {
  Object.assign(runtimeOf(ctx).wiring, wiring);
}

export function botWiring(ctx: ServiceContext): BotWiring {
  return runtimeOf(ctx).wiring;
}

/** The workspace's bot, or undefined when it has none configured. Reloaded when its configuration changed. */
export async function workspaceBot(ctx: ServiceContext, workspaceId: string): Promise<WorkspaceBot | undefined> {
  const runtime = runtimeOf(ctx);
  const now = Date.now();
  const cached = runtime.bots.get(workspaceId);
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached.loading;
  if (cached) {
    const current = await cached.loading.catch(() => undefined);
    cached.checkedAt = now;
    if (current && current.version === (await configVersion(ctx.db, workspaceId))) return current;
  }
  const loading = loadWorkspaceBot(ctx, workspaceId);
  runtime.bots.set(workspaceId, { loading, checkedAt: now });
  loading.catch(() => runtime.bots.delete(workspaceId));
  return loading;
}

/**
 * Whether new conversations of the workspace start with the bot. Cheap (one row, or the cached bot), and it starts
 * loading the bot in the background so the first answer does not wait for training.
 */
export async function botEnabled(ctx: ServiceContext, workspaceId: string): Promise<boolean> {
  const runtime = runtimeOf(ctx);
  const now = Date.now();
  const cached = runtime.bots.get(workspaceId);
  if (cached && now - cached.checkedAt < RECHECK_MS) {
    const bot = await cached.loading.catch(() => undefined);
    return bot?.enabled ?? false;
  }
  const offSince = runtime.off.get(workspaceId);
  if (offSince !== undefined && now - offSince < RECHECK_MS) return false;
  const config = await findBotConfig(ctx.db, workspaceId);
  if (config?.enabled === 1) {
    runtime.off.delete(workspaceId);
    void workspaceBot(ctx, workspaceId).catch(() => undefined);
  } else runtime.off.set(workspaceId, now);
  return config?.enabled === 1;
}

/** Drops the cached bot of a workspace (after an edit through the API), so the next message loads the new one. */
export function forgetWorkspaceBot(ctx: ServiceContext, workspaceId: string): void {
  runtimeOf(ctx).bots.delete(workspaceId);
  runtimeOf(ctx).off.delete(workspaceId);
}

async function loadWorkspaceBot(ctx: ServiceContext, workspaceId: string): Promise<WorkspaceBot | undefined> {
  const version = await configVersion(ctx.db, workspaceId);
  const config = await findBotConfig(ctx.db, workspaceId);
  if (!config) return undefined;
  const settings = BotSettings.parse(fromJson(config.settings, {}));
  const examples = IntentExamples.parse(fromJson(config.intents, []));
  const flows = new Map<string, FlowDefinition>();
  for (const row of await listFlows(ctx.db, workspaceId)) {
    if (row.enabled !== 1) continue;
    const parsed = FlowDefinition.safeParse(fromJson(row.definition, null));
    if (parsed.success) flows.set(row.intent, parsed.data);
    else ctx.logger.warn({ workspaceId, intent: row.intent }, 'stored bot flow is invalid; skipped');
  }
  const model = examples.length > 0 ? await intentModel(examples) : undefined;
  const understander = createUnderstander({ intents: model, oosThreshold: undefined });
  // The first message in each language loads dictionaries and the English tagger (hundreds of ms): pay that while the
  // bot loads, not on a customer's turn.
  understander.understand('你好，我的订单 SO20261126001 到哪了？明天能到吗', { referenceTime: Date.now() });
  understander.understand('Hello, where is my order SO20261126001? Will it arrive tomorrow?', {
    referenceTime: Date.now(),
  });
  return {
    workspaceId,
    enabled: config.enabled === 1,
    settings,
    flows,
    intents: model?.intents ?? [],
    vocabulary: intentVocabulary(examples),
    understander,
    version,
  };
}

/** Trains on a worker thread (seconds for a few hundred phrases) so other conversations keep being answered. */
function intentModel(examples: Array<{ intent: string; text: string }>): Promise<IntentModel> {
  const key = createHash('sha256').update(JSON.stringify(examples)).digest('hex');
  let model = MODELS.get(key);
  if (!model) {
    model = trainIntentModelInWorker(examples, { seed: 1 }).then((trained) => trained.model);
    MODELS.set(key, model);
    model.catch(() => MODELS.delete(key));
  }
  return model;
}
