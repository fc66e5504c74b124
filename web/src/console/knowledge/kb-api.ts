import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../api/client.ts';
import type {
  Article,
  ArticleDetail,
  ArticleFilter,
  ArticleInput,
  ArticlePatch,
  ArticleSummary,
  Category,
  Comment,
  DiffView,
  HitTestResult,
  ReviewAction,
  ReviewEvent,
  SynonymSet,
  VersionSummary,
} from './kb-types.ts';

const enc = encodeURIComponent;
const articlePath = (id: string) => `/api/v1/kb/articles/${enc(id)}`;

export const kbKeys = {
  all: ['kb'] as const,
  categories: ['kb', 'categories'] as const,
  articles: ['kb', 'articles'] as const,
  articleList: (filter: ArticleFilter) => ['kb', 'articles', 'list', filter] as const,
  article: (id: string) => ['kb', 'articles', 'one', id] as const,
  versions: (id: string) => ['kb', 'articles', 'one', id, 'versions'] as const,
  diff: (id: string, from: number, to: number) => ['kb', 'articles', 'one', id, 'diff', from, to] as const,
  history: (id: string) => ['kb', 'articles', 'one', id, 'history'] as const,
  comments: (id: string) => ['kb', 'articles', 'one', id, 'comments'] as const,
  reviewQueue: ['kb', 'articles', 'review-queue'] as const,
  synonyms: ['kb', 'synonyms'] as const,
};

export function useCategories() {
  return useQuery({
    queryKey: kbKeys.categories,
    queryFn: () => api<{ categories: Category[] }>('GET', '/api/v1/kb/categories').then((r) => r.categories),
  });
}

function useInvalidate(...keys: (readonly unknown[])[]) {
  const client = useQueryClient();
  return () => {
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
  };
}

export function useCreateCategory() {
  const invalidate = useInvalidate(kbKeys.categories);
  return useMutation({
    mutationFn: (input: { name: string; nameEn?: string | null; parentId?: string | null; position?: number }) =>
      api<Category>('POST', '/api/v1/kb/categories', input),
    onSuccess: invalidate,
  });
}

export function useUpdateCategory() {
  const invalidate = useInvalidate(kbKeys.categories);
  return useMutation({
    mutationFn: ({
      id,
      ...patch
    }: {
      id: string;
      name?: string;
      nameEn?: string | null;
      parentId?: string | null;
      position?: number;
    }) => api<Category>('PATCH', `/api/v1/kb/categories/${enc(id)}`, patch),
    onSuccess: invalidate,
  });
}

export function useDeleteCategory() {
  const invalidate = useInvalidate(kbKeys.categories);
  return useMutation({
    mutationFn: (id: string) => api<null>('DELETE', `/api/v1/kb/categories/${enc(id)}`),
    onSuccess: invalidate,
  });
}

export function useArticles(filter: ArticleFilter) {
  return useQuery({
    queryKey: kbKeys.articleList(filter),
    queryFn: () =>
      api<{ articles: ArticleSummary[] }>('GET', `/api/v1/kb/articles${query({ ...filter, limit: 200 })}`).then(
        (r) => r.articles,
      ),
  });
}

export function useArticle(id: string | undefined) {
  return useQuery({
    queryKey: kbKeys.article(id ?? ''),
    queryFn: () => api<ArticleDetail>('GET', articlePath(id as string)),
    enabled: Boolean(id),
  });
}

export function useCreateArticle() {
  const invalidate = useInvalidate(kbKeys.articles);
  return useMutation({
    mutationFn: (input: ArticleInput) => api<Article>('POST', '/api/v1/kb/articles', input),
    onSuccess: invalidate,
  });
}

export function useUpdateArticle(id: string) {
  const invalidate = useInvalidate(kbKeys.articles);
  return useMutation({
    mutationFn: (patch: ArticlePatch) => api<Article & { changed: boolean }>('PATCH', articlePath(id), patch),
    onSuccess: invalidate,
  });
}

export function useReviewAction(id: string) {
  const invalidate = useInvalidate(kbKeys.articles);
  return useMutation({
    mutationFn: (input: { action: ReviewAction; version: number; note?: string }) =>
      api<Article>('POST', `${articlePath(id)}/${input.action}`, {
        version: input.version,
        ...(input.note ? { note: input.note } : {}),
      }),
    onSuccess: invalidate,
  });
}

export function useReviewQueue() {
  return useQuery({
    queryKey: kbKeys.reviewQueue,
    queryFn: () => api<{ articles: ArticleSummary[] }>('GET', '/api/v1/kb/review-queue').then((r) => r.articles),
  });
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: kbKeys.versions(id),
    queryFn: () => api<{ versions: VersionSummary[] }>('GET', `${articlePath(id)}/versions`).then((r) => r.versions),
  });
}

export function useDiff(id: string, from: number, to: number) {
  return useQuery({
    queryKey: kbKeys.diff(id, from, to),
    queryFn: () => api<DiffView>('GET', `${articlePath(id)}/diff${query({ from, to })}`),
    enabled: from > 0 && to > 0 && from !== to,
  });
}

export function useRollback(id: string) {
  const invalidate = useInvalidate(kbKeys.articles);
  return useMutation({
    mutationFn: (input: { toVersion: number; expectedVersion: number; note?: string }) =>
      api<Article & { live: boolean }>('POST', `${articlePath(id)}/rollback`, input),
    onSuccess: invalidate,
  });
}

export function useReviewHistory(id: string) {
  return useQuery({
    queryKey: kbKeys.history(id),
    queryFn: () => api<{ events: ReviewEvent[] }>('GET', `${articlePath(id)}/history`).then((r) => r.events),
  });
}

export function useComments(id: string) {
  return useQuery({
    queryKey: kbKeys.comments(id),
    queryFn: () => api<{ comments: Comment[] }>('GET', `${articlePath(id)}/comments`).then((r) => r.comments),
  });
}

export function useAddComment(id: string) {
  const invalidate = useInvalidate(kbKeys.comments(id));
  return useMutation({
    mutationFn: (input: { body: string }) => api<Comment>('POST', `${articlePath(id)}/comments`, input),
    onSuccess: invalidate,
  });
}

export function useHitTest() {
  return useMutation({
    mutationFn: (input: {
      query: string;
      filters: { language?: string; categoryId?: string; tag?: string; channel?: string };
      limit?: number;
    }) => api<HitTestResult>('POST', '/api/v1/kb/hit-test', input),
  });
}

export function useSynonyms() {
  return useQuery({
    queryKey: kbKeys.synonyms,
    queryFn: () => api<{ sets: SynonymSet[] }>('GET', '/api/v1/kb/synonyms').then((r) => r.sets),
  });
}

export function useSaveSynonyms() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (sets: string[][]) => api<{ sets: SynonymSet[] }>('PUT', '/api/v1/kb/synonyms', { sets }),
    onSuccess: (result) => client.setQueryData(kbKeys.synonyms, result.sets),
  });
}
