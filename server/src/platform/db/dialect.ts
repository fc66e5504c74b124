import { type Kysely, PostgresAdapter } from 'kysely';
import type { Engine } from './database.ts';

/**
 * The few places where SQLite and PostgreSQL differ, kept in one helper so modules never branch on the engine.
 * Conventions: timestamps are epoch milliseconds in bigint columns; booleans are integers 0/1; JSON is text.
 */

export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;

/** True when the error is a unique-key violation on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Escapes LIKE wildcards so user text is matched literally (use with `escape '\\'`). */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Which engine a Kysely instance talks to; for migrations, which receive only the Kysely instance. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
