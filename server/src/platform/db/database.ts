import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { registerSqliteLane } from './sqlite-lane.ts';
import type { Tables } from './tables.ts';
import { checkpointInBackground } from './wal-checkpointer.ts';

export type Db = Kysely<Tables>;
export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… for PostgreSQL; anything else is a SQLite file path (or ':memory:'). */
  url: string;
  /** PostgreSQL only: a schema to use (created when missing); tests use one schema per run. */
  schema?: string;
  poolSize?: number;
}

// int8 columns (our epoch-millisecond timestamps, counts) come back from pg as strings by default.
pg.types.setTypeParser(20, (value) => Number(value));

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options);
  return openSqlite(options.url);
}

function openSqlite(file: string): Database {
  const sqlite = new BetterSqlite3(file);
  const inMemory = file === ':memory:' || file === '';
  // WAL lets readers run beside the one writer; NORMAL sync is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // The write batcher gives each body of a shared commit its own savepoint, and SQLite keeps the pages a savepoint may
  // have to restore in a statement journal: past 64 KiB in a temporary file, written and read back with system
  // calls. In memory, a message's write path costs ~13% less CPU. Temporary tables and sorts live in memory too.
  sqlite.pragma('temp_store = MEMORY');
  // After a burst the log is rewound from its start; this caps the file it leaves behind.
  sqlite.pragma('journal_size_limit = 67108864');
  const checkpointer = inMemory
    ? undefined
    : checkpointInBackground(sqlite, file, (error) => {
        // No logger at this layer; the writer checkpoints by itself again, so this is worth a line, not a crash.
        console.warn('lingxi: background WAL checkpoints failed, the writer checkpoints again', error);
      });
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: statements }) });
  registerSqliteLane(db, statements);
  return {
    db,
    engine: 'sqlite',
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

const STATEMENT_CACHE_SIZE = 512;

/**
 * Kysely prepares every query afresh and better-sqlite3 does not cache statements; compiling the SQL dominated a
 * message's write path. Our queries are built from a few hundred shapes, so a bounded cache keyed by SQL text keeps
 * them compiled. Safe because Kysely runs one query at a time on this connection.
 */
function withStatementCache(sqlite: BetterSqlite3.Database) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    get inTransaction() {
      return sqlite.inTransaction;
    },
    prepare(sql: string): BetterSqlite3.Statement {
      const cached = cache.get(sql);
      if (cached) return cached;
      const statement = sqlite.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
      return statement;
    },
  };
}

async function openPostgres(options: OpenDatabaseOptions): Promise<Database> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  if (schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
