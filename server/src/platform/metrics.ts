import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsOptions {
  /** Prefix of every metric name (default `lingxi_`). */
  prefix?: string;
  /** Process metrics (CPU, memory, event loop lag, GC). Default true. */
  defaultMetrics?: boolean;
  /** Labels put on every series, e.g. `{ instance: 'web-1' }`. */
  defaultLabels?: Record<string, string>;
}

/**
 * One Prometheus registry per server (not prom-client's global one, so tests can start several servers in one
 * process). The helpers get-or-create by name, so a module can ask for its counter wherever it needs it.
 */
export interface Metrics {
  registry: Registry;
  /** The Content-Type of the text exposition, for GET /metrics. */
  contentType: string;
  /** The text exposition of every metric. */
  metrics(): Promise<string>;
  counter<L extends string = string>(name: string, help: string, labelNames?: readonly L[]): Counter<L>;
  gauge<L extends string = string>(name: string, help: string, labelNames?: readonly L[]): Gauge<L>;
  histogram<L extends string = string>(
    name: string,
    help: string,
    labelNames?: readonly L[],
    buckets?: number[],
  ): Histogram<L>;
}

/** Latency buckets in seconds, from a fast cache hit to a slow knowledge-base import step. */
export const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const METRIC_NAME = /^[a-z_][a-z0-9_]*$/;

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const prefix = options.prefix ?? 'lingxi_';
  if (options.defaultLabels) registry.setDefaultLabels(options.defaultLabels);
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });

  function existing<T>(name: string, kind: new (...args: never[]) => T): T | undefined {
    if (!METRIC_NAME.test(name)) throw new Error(`invalid metric name "${name}"`);
    const metric = registry.getSingleMetric(prefix + name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`metric "${prefix + name}" already exists with another type`);
    return metric;
  }

  return {
    registry,
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
      return (
        (existing(name, Counter) as Counter<L> | undefined) ??
        new Counter<L>({ name: prefix + name, help, labelNames, registers: [registry] })
      );
    },
    gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
      return (
        (existing(name, Gauge) as Gauge<L> | undefined) ??
        new Gauge<L>({ name: prefix + name, help, labelNames, registers: [registry] })
      );
    },
    histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets = SECONDS_BUCKETS) {
      return (
        (existing(name, Histogram) as Histogram<L> | undefined) ??
        new Histogram<L>({ name: prefix + name, help, labelNames, buckets, registers: [registry] })
      );
    },
  };
}
