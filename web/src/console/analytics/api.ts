import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from '../api/client.ts';

export interface MetricInfo {
  id: string;
  unit: 'ms' | 'ratio' | 'score' | 'count';
  higherIsBetter: boolean;
  name: { zh: string; en: string };
  definition: { zh: string; en: string };
}

export interface MetricValue {
  value: number | null;
  base: number;
  progress: { target: number; met: boolean; attainment: number } | null;
}

export interface MetricsRow {
  key: string | number;
  metrics: Record<string, MetricValue>;
}

export interface Fact {
  conversationId: string;
  startedAt: number;
  status: string;
  channel: string;
  agent: string;
  intent: string;
  contained: boolean;
  handedOff: boolean;
  abandoned: boolean;
  resolved: boolean;
  knowledgeGap: boolean;
  csat: number | null;
  nps: number | null;
  surveyComment: string;
  botFailure: string;
}

export interface Range {
  from: number;
  to: number;
}

export interface Slice {
  dim?: string;
  value?: string;
}

export function useDefinitions() {
  return useQuery({
    queryKey: ['analytics', 'definitions'],
    queryFn: () => api<{ metrics: MetricInfo[]; version: number }>('GET', '/api/v1/analytics/definitions'),
    staleTime: 60_000,
  });
}

export function useMetrics(range: Range, groupBy = 'total', slice: Slice = {}) {
  return useQuery({
    queryKey: ['analytics', 'metrics', range, groupBy, slice],
    queryFn: () =>
      api<{ rows: MetricsRow[] }>('GET', `/api/v1/analytics/metrics${query({ ...range, groupBy, ...slice })}`).then(
        (r) => r.rows,
      ),
  });
}

export interface DrillParams extends Range, Slice {
  metric: string;
  only?: string;
  botFailure?: string;
}

export function useDrill(params: DrillParams, limit = 50) {
  return useInfiniteQuery({
    queryKey: ['analytics', 'drill', params, limit],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api<{ conversations: Fact[]; nextCursor: string | null }>(
        'GET',
        `/api/v1/analytics/drilldown${query({ ...params, limit, cursor: pageParam || undefined })}`,
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export interface Score {
  subject: string;
  score: number | null;
}

export function useScorecards(range: Range, scenario = 'all') {
  return useQuery({
    queryKey: ['analytics', 'scorecards', range, scenario],
    queryFn: () =>
      api<{ agents: Score[]; teams: Score[]; bot: Score | null }>(
        'GET',
        `/api/v1/analytics/scorecards${query({ ...range, scenario })}`,
      ),
  });
}

export interface PostMortem {
  botConversations: number;
  failed: number;
  causes: Array<{ cause: string; count: number; examples: Fact[] }>;
  changes: Array<{
    marker: { kind: string; version: string; note: string; at: number };
    before: Record<string, { value: number | null }>;
    after: Record<string, { value: number | null }>;
    failuresBefore: number;
    failuresAfter: number;
  }>;
}

export function usePostMortem(range: Range, enabled: boolean) {
  return useQuery({
    queryKey: ['analytics', 'post-mortem', range],
    queryFn: () => api<PostMortem>('GET', `/api/v1/analytics/bot/post-mortem${query({ ...range })}`),
    enabled,
  });
}

export function useAlerts(enabled: boolean) {
  return useQuery({
    queryKey: ['analytics', 'alerts'],
    queryFn: () =>
      api<{ alerts: Array<{ id: string; firedAt: number; metric: string; message: string }> }>(
        'GET',
        '/api/v1/analytics/alerts',
      ).then((r) => r.alerts),
    enabled,
  });
}

/** Where a figure drills to: the drill-down screen with the figure's metric, range and slice. */
export function drillHref(params: DrillParams): string {
  return `/analytics/drill${query({ ...params })}`;
}
