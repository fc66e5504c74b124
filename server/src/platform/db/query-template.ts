import { type Compilable, type CompiledQuery, createQueryId, type QueryResult } from 'kysely';
import type { Db, Engine } from './database.ts';
import { engineOf } from './dialect.ts';
import { openLaneOf } from './sqlite-lane.ts';

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

type Slot = { name: string } | { value: unknown };

const MARK = '\u0000lingxi-param\u0000';

export function queryTemplate<P extends Record<string, unknown>, R>(
  build: (db: Db, param: <K extends keyof P & string>(name: K) => P[K]) => Compilable<R>,
): QueryTemplate<P, R> {
  const compiled = new Map<Engine, { sql: string; query: CompiledQuery['query']; slots: Slot[] }>();
  const param = <K extends keyof P & string>(name: K) => `${MARK}${name}` as P[K];

  function compile(db: Db, engine: Engine) {
    const query = build(db, param).compile();
    const slots: Slot[] = query.parameters.map((value) =>
      typeof value === 'string' && value.startsWith(MARK) ? { name: value.slice(MARK.length) } : { value },
    );
    // A placeholder Kysely wrote into the SQL text instead of binding it would silently become a constant.
    if (query.sql.includes(MARK)) throw new Error('queryTemplate: a parameter was inlined into the SQL');
    const shape = { sql: query.sql, query: query.query, slots };
    compiled.set(engine, shape);
    return shape;
  }

  return (db, params) => {
    const lane = openLaneOf(db);
    if (lane) {
      const shape = compiled.get('sqlite') ?? compile(db, 'sqlite');
      const parameters = shape.slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));
      const statement = lane.prepare(shape.sql);
      if (statement.reader) return Promise.resolve({ rows: statement.all(parameters) as R[] });
      const { changes, lastInsertRowid } = statement.run(parameters);
      return Promise.resolve({ numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] });
    }
    const engine = engineOf(db);
    const shape = compiled.get(engine) ?? compile(db, engine);
    const parameters = shape.slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));
    return db.executeQuery<R>({ sql: shape.sql, query: shape.query, queryId: createQueryId(), parameters });
  };
}
