import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiErrorBody } from '../../shared/api-types.ts';
import { ApiError, api, query } from '../api/client.ts';
import { kbKeys } from './kb-api.ts';

/** Shapes of the acquisition API (server/src/http/routes/knowledge-acquisition/schema.ts). */
export interface RowProblem {
  line: number;
  sheet?: string;
  field: string | null;
  code: string;
  message: string;
  messageZh: string;
}

export interface ImportJob {
  id: string;
  fileName: string;
  format: string;
  sizeBytes: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  skipBadRows: boolean;
  progress: number;
  encoding: string | null;
  totalEntries: number;
  importedCount: number;
  problemCount: number;
  articleIds: string[];
  error: string | null;
  createdBy: string | null;
  createdAt: number;
  finishedAt: number | null;
}

export interface CrawlRun {
  id: string;
  sourceId: string;
  trigger: 'manual' | 'schedule';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number;
  pagesFetched: number;
  pagesNew: number;
  pagesChanged: number;
  pagesUnchanged: number;
  pagesSkipped: number;
  error: string | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface CrawlSource {
  id: string;
  name: string;
  startUrl: string;
  sitemapUrl: string | null;
  maxDepth: number;
  maxPages: number;
  schedule: string | null;
  categoryId: string | null;
  enabled: boolean;
  status: 'idle' | 'queued' | 'running';
  nextRunAt: number | null;
  lastRunAt: number | null;
  lastRunStatus: string | null;
  lastRun: CrawlRun | null;
  createdAt: number;
  updatedAt: number;
}

export interface CrawlSourceInput {
  name: string;
  startUrl: string;
  sitemapUrl: string | null;
  maxDepth: number;
  maxPages: number;
  schedule: string | null;
  categoryId: string | null;
  enabled: boolean;
}

export interface Suggestion {
  id: string;
  language: 'zh' | 'en';
  question: string;
  alternates: string[];
  answer: string;
  frequency: number;
  conversationIds: string[];
  status: 'pending' | 'accepted' | 'rejected';
  articleId: string | null;
  decidedAt: number | null;
  createdAt: number;
}

export interface Gap {
  id: string;
  question: string;
  language: 'zh' | 'en';
  status: 'open' | 'dismissed';
  count: number;
  unansweredCount: number;
  firstAt: number;
  lastAt: number;
  examples: { question: string; conversationId: string | null; confidence: number | null; at: number }[];
  trend: number[];
  direction: 'rising' | 'falling' | 'steady';
}

const enc = encodeURIComponent;
export const acqKeys = {
  imports: ['kb', 'imports'] as const,
  import: (id: string) => ['kb', 'imports', id] as const,
  problems: (id: string) => ['kb', 'imports', id, 'problems'] as const,
  sources: ['kb', 'crawl-sources'] as const,
  suggestions: (status: string) => ['kb', 'suggestions', status] as const,
  gaps: (status: string, days: number) => ['kb', 'gaps', status, days] as const,
};

/**
 * Uploads a file as multipart/form-data (field `file`); the JSON client cannot, so this call sends the session's
 * CSRF token itself.
 */
export async function uploadImport(file: File, skipBadRows: boolean, csrfToken: string): Promise<ImportJob> {
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1/kb/imports${query({ skipBadRows: skipBadRows ? 'true' : undefined })}`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
    });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isApiErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message, payload.error.details);
    }
    throw new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
  }
  return payload as ImportJob;
}

export function useImports() {
  return useQuery({
    queryKey: acqKeys.imports,
    queryFn: () => api<{ imports: ImportJob[] }>('GET', '/api/v1/kb/imports').then((r) => r.imports),
  });
}

/** One import, polled every 700 ms while it is queued or running (the progress bar). */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: acqKeys.import(id ?? ''),
    queryFn: () => api<ImportJob>('GET', `/api/v1/kb/imports/${enc(id as string)}`),
    enabled: Boolean(id),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'succeeded' || status === 'failed' ? false : 700;
    },
  });
}

export function useImportProblems(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: acqKeys.problems(id ?? ''),
    queryFn: () =>
      api<{ problemCount: number; problems: RowProblem[] }>('GET', `/api/v1/kb/imports/${enc(id as string)}/problems`),
    enabled: Boolean(id) && enabled,
  });
}

export function useCrawlSources() {
  return useQuery({
    queryKey: acqKeys.sources,
    queryFn: () => api<{ sources: CrawlSource[] }>('GET', '/api/v1/kb/crawl-sources').then((r) => r.sources),
    // While a crawl is queued or running, follow its progress.
    refetchInterval: (q) => (q.state.data?.some((s) => s.status !== 'idle') ? 1500 : false),
  });
}

function useInvalidate(...keys: (readonly unknown[])[]) {
  const client = useQueryClient();
  return () => {
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
  };
}

export function useCreateCrawlSource() {
  const invalidate = useInvalidate(acqKeys.sources);
  return useMutation({
    mutationFn: (input: CrawlSourceInput) => api<CrawlSource>('POST', '/api/v1/kb/crawl-sources', input),
    onSuccess: invalidate,
  });
}

export function useUpdateCrawlSource() {
  const invalidate = useInvalidate(acqKeys.sources);
  return useMutation({
    mutationFn: ({ id, ...patch }: Partial<CrawlSourceInput> & { id: string }) =>
      api<CrawlSource>('PATCH', `/api/v1/kb/crawl-sources/${enc(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteCrawlSource() {
  const invalidate = useInvalidate(acqKeys.sources);
  return useMutation({
    mutationFn: (id: string) => api<null>('DELETE', `/api/v1/kb/crawl-sources/${enc(id)}`),
    onSuccess: invalidate,
  });
}

export function useRunCrawl() {
  const invalidate = useInvalidate(acqKeys.sources);
  return useMutation({
    mutationFn: (id: string) => api<CrawlRun>('POST', `/api/v1/kb/crawl-sources/${enc(id)}/runs`),
    onSuccess: invalidate,
  });
}

export function useSuggestions(status: Suggestion['status']) {
  return useQuery({
    queryKey: acqKeys.suggestions(status),
    queryFn: () =>
      api<{ suggestions: Suggestion[] }>('GET', `/api/v1/kb/suggestions${query({ status })}`).then(
        (r) => r.suggestions,
      ),
  });
}

export function useDecideSuggestion() {
  const invalidate = useInvalidate(['kb', 'suggestions'], kbKeys.articles);
  return useMutation({
    mutationFn: (input: {
      id: string;
      decision: 'accept' | 'reject';
      edits?: { question?: string; answer?: string; alternates?: string[]; categoryId?: string | null };
    }) => api<Suggestion>('POST', `/api/v1/kb/suggestions/${enc(input.id)}/${input.decision}`, input.edits ?? {}),
    onSuccess: invalidate,
  });
}

export function useGaps(status: Gap['status'], days: number) {
  return useQuery({
    queryKey: acqKeys.gaps(status, days),
    queryFn: () => api<{ gaps: Gap[] }>('GET', `/api/v1/kb/gaps${query({ status, days })}`).then((r) => r.gaps),
  });
}

export function useSetGapStatus() {
  const invalidate = useInvalidate(['kb', 'gaps']);
  return useMutation({
    mutationFn: (input: { id: string; status: Gap['status'] }) =>
      api<{ id: string; status: Gap['status'] }>('POST', `/api/v1/kb/gaps/${enc(input.id)}/status`, {
        status: input.status,
      }),
    onSuccess: invalidate,
  });
}
