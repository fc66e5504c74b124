import type BetterSqlite3 from 'better-sqlite3';
import { type Compilable, type CompiledQuery, createQueryId, type QueryResult } from 'kysely';
import type { Db, Engine } from './database.ts';
import { engineOf } from './dialect.ts';
import { openLaneOf, type SqliteLane, sqliteLaneOf } from './sqlite-lane.ts';

/**
 * A fixed-shape query built and compiled once per engine, then executed with fresh parameters. Building a Kysely
 * query and compiling it to SQL cost more CPU than SQLite spends running the statement, on the hottest paths (a
 * customer message runs the same three statements every time); a template skips both and keeps Kysely's typing.
 *
 * `build` receives `param(name)`, a placeholder that stands for `params[name]` at execution; use it only where Kysely
 * sends a value as a bound parameter (values, comparisons), and keep the query's shape free of conditions on the
 * parameters (one template per shape). Everything else in the query is fixed at the first compilation.
 */
export type QueryTemplate<P, R> = (db: Db, params: P) => Promise<QueryResult<R>>;

const MARK = '\u0000lingxi-param\u0000';

interface Shape {
  sql: string;
  query: CompiledQuery['query'];
  /** Per bound parameter: the name it is read from, or undefined for a constant (then in `constants`). */
  names: Array<string | undefined>;
  constants: unknown[];
}

export function queryTemplate<P extends Record<string, unknown>, R>(
  build: (db: Db, param: <K extends keyof P & string>(name: K) => P[K]) => Compilable<R>,
): QueryTemplate<P, R> {
  const compiled = new Map<Engine, Shape>();
  const param = <K extends keyof P & string>(name: K) => `${MARK}${name}` as P[K];
  // The SQLite statement of the lane seen last (one database in production; tests open many): looked up once.
  let statementLane: SqliteLane | undefined;
  let statement: BetterSqlite3.Statement | undefined;
  let reader = false;

  function compile(db: Db, engine: Engine): Shape {
    const query = build(db, param).compile();
    const names: Shape['names'] = [];
    const constants: unknown[] = [];
    for (const value of query.parameters) {
      const named = typeof value === 'string' && value.startsWith(MARK);
      names.push(named ? value.slice(MARK.length) : undefined);
      constants.push(named ? undefined : value);
    }
    // A placeholder Kysely wrote into the SQL text instead of binding it would silently become a constant.
    if (query.sql.includes(MARK)) throw new Error('queryTemplate: a parameter was inlined into the SQL');
    const shape = { sql: query.sql, query: query.query, names, constants };
    compiled.set(engine, shape);
    return shape;
  }

  function parametersOf(shape: Shape, params: P): unknown[] {
    const { names, constants } = shape;
    const parameters = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      parameters[i] = name === undefined ? constants[i] : params[name];
    }
    return parameters;
  }

  function statementOn(db: Db, lane: SqliteLane): BetterSqlite3.Statement {
    if (lane !== statementLane || !statement) {
      const shape = compiled.get('sqlite') ?? compile(db, 'sqlite');
      statement = lane.prepare(shape.sql);
      statementLane = lane;
      reader = statement.reader;
    }
    return statement;
  }

  // better-sqlite3 throws synchronously; callers get a rejected promise either way, as from Kysely.
  return (db, params) => {
    try {
      const lane = openLaneOf(db);
      if (lane) {
        const prepared = statementOn(db, lane);
        const parameters = parametersOf(compiled.get('sqlite') as Shape, params);
        if (reader) return Promise.resolve({ rows: prepared.all(parameters) as R[] });
        const { changes, lastInsertRowid } = prepared.run(parameters);
        return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
      }
      // A read on the SQLite handle while no transaction is open on its connection runs at once: it sees exactly
      // what Kysely's executor would (committed rows), without its connection hand-over. During a transaction (a
      // write batch, any db.transaction()) the connection would show uncommitted rows, so the read waits its turn.
      const root = sqliteLaneOf(db);
      if (root && !root.inTransaction) {
        const prepared = statementOn(db, root);
        if (reader) {
          return Promise.resolve({ rows: prepared.all(parametersOf(compiled.get('sqlite') as Shape, params)) as R[] });
        }
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const engine = engineOf(db);
    const shape = compiled.get(engine) ?? compile(db, engine);
    return db.executeQuery<R>({
      sql: shape.sql,
      query: shape.query,
      queryId: createQueryId(),
      parameters: parametersOf(shape, params),
    });
  };
}
