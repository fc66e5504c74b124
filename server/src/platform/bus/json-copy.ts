/**
 * A deep copy with exactly what `JSON.parse(JSON.stringify(value))` gives, without making and parsing the string.
 * The embedded bus hands every event through it so that a handler sees what it would see after Redis (dates as
 * strings, `undefined` gone, class instances as plain objects), at a fraction of the cost: every message publishes
 * an event, and the string round trip was a tenth of a message's CPU time.
 *
 * JSON's rules, in order: `toJSON` first (dates); boxed primitives unwrap; in objects, `undefined`, functions and
 * symbols drop their key; in arrays they become null; non-finite numbers become null and -0 becomes 0; bigint and cycles throw a
 * TypeError; only own enumerable string keys count.
 */
export function jsonCopy<T>(value: T): T {
  const copied = copy(value, '', []);
  // JSON.stringify of a bare undefined/function gives undefined, and JSON.parse(undefined) throws.
  if (copied === SKIP) throw new SyntaxError('"undefined" is not valid JSON');
  return copied as T;
}

const SKIP = Symbol('skip');

function copy(value: unknown, key: string, ancestors: object[]): unknown {
  let current = value;
  if (current !== null && (typeof current === 'object' || typeof current === 'bigint')) {
    const toJSON = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') current = toJSON.call(current, key);
  }
  switch (typeof current) {
    case 'string':
    case 'boolean':
      return current;
    case 'number':
      // JSON writes -0 as 0.
      return Number.isFinite(current) ? current + 0 : null;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'undefined':
    case 'function':
    case 'symbol':
      return SKIP;
  }
  if (current === null) return null;
  if (current instanceof Number || current instanceof String || current instanceof Boolean) {
    return copy(current.valueOf(), key, ancestors);
  }
  const object = current as Record<string, unknown>;
  if (ancestors.includes(object)) throw new TypeError('Converting circular structure to JSON');
  ancestors.push(object);
  let result: unknown;
  if (Array.isArray(object)) {
    const array = new Array<unknown>(object.length);
    for (let i = 0; i < object.length; i++) {
      const item = copy(object[i], String(i), ancestors);
      array[i] = item === SKIP ? null : item;
    }
    result = array;
  } else {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(object)) {
      const item = copy(object[name], name, ancestors);
      if (item !== SKIP) out[name] = item;
    }
    result = out;
  }
  ancestors.pop();
  return result;
}
