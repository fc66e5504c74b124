import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy.ts';

const roundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
  get norm() {
    return Math.hypot(this.x, this.y);
  }
}

describe('jsonCopy', () => {
  const cases: Array<[string, unknown]> = [
    ['a message event', { type: 'message.created', at: 1, payload: { message: { text: '你好 😀', meta: {} } } }],
    ['dates and toJSON', { at: new Date(1_700_000_000_000), custom: { toJSON: (key: string) => `k=${key}` } }],
    ['undefined, functions and symbols in objects', { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }],
    ['the same in arrays', [undefined, () => 1, Symbol('s'), 2]],
    ['non-finite numbers', { nan: Number.NaN, inf: Number.POSITIVE_INFINITY, neg: -0, big: 1e308 }],
    ['boxed primitives', { n: Object(3), s: Object('x'), b: Object(false) }],
    ['class instances and collections', { point: new Point(3, 4), map: new Map([[1, 2]]), set: new Set([1]) }],
    ['nested arrays and nulls', { rows: [[1, [2, [null, { deep: 'yes' }]]], null] }],
    [
      'a shared (not circular) object',
      (() => {
        const shared = { v: 1 };
        return { a: shared, b: [shared, shared] };
      })(),
    ],
    ['top-level primitives', 'text'],
    ['top-level null', null],
  ];
  it.each(cases)('gives what a JSON round trip gives: %s', (_name, value) => {
    expect(jsonCopy(value)).toStrictEqual(roundTrip(value));
  });

  it('returns a copy: changing it leaves the original alone', () => {
    const original = { payload: { list: [1, 2], inner: { v: 1 } } };
    const copied = jsonCopy(original);
    copied.payload.list.push(3);
    copied.payload.inner.v = 2;
    expect(original).toEqual({ payload: { list: [1, 2], inner: { v: 1 } } });
  });

  it('throws where JSON throws: bigint, cycles, a bare undefined', () => {
    expect(() => jsonCopy({ n: 10n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => jsonCopy(cyclic)).toThrow(TypeError);
    expect(() => jsonCopy(undefined)).toThrow(SyntaxError);
  });
});
