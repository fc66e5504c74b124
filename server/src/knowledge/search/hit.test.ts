import { describe, expect, it, vi } from 'vitest';
import type { Explanation } from './hit.ts';
import { buildHit } from './hit.ts';
import { questionDoc } from './question-doc.ts';
import { textSide } from './text-side.ts';

function explanation(): Explanation {
  const side = textSide('退款多久到账', [...'退款多久到账'], ['退款', '多久', '到账']);
  return {
    q: side,
    questions: [{ field: 'title', text: '退款多久到账', side, learnedUnit: false }],
    expansions: [],
  };
}

describe('search hit', () => {
  it('explains itself on first read only, once for both lazy fields, as plain enumerable fields', () => {
    const explain = vi.fn(explanation);
    const hit = buildHit(questionDoc('refund', '退款多久到账'), explain, 2, 0.9);
    expect(explain).not.toHaveBeenCalled();
    expect(Object.keys(hit)).toEqual(['docId', 'articleId', 'kind', 'score', 'confidence', 'matched', 'highlights']);
    expect(hit.matched).toContainEqual({ field: 'title', term: '退款', via: 'exact' });
    expect(hit.highlights[0]).toMatchObject({ field: 'title', ranges: [[0, 6]] });
    expect(explain).toHaveBeenCalledTimes(1);
    const json = JSON.parse(JSON.stringify(hit));
    expect(json).toMatchObject({ docId: 'refund', score: 2, confidence: 0.9, matched: hit.matched });
    expect(Object.keys(json)).not.toContain('explain');
  });

  it('shares its getters between hits (getters per hit gave every hit a map of its own, kept until a full GC)', () => {
    const a = buildHit(questionDoc('a', '退款'), explanation, 1, 0.5);
    const b = buildHit(questionDoc('b', '退货'), explanation, 1, 0.5);
    for (const field of ['matched', 'highlights']) {
      const getA = Object.getOwnPropertyDescriptor(a, field)?.get;
      expect(getA).toBeTypeOf('function');
      expect(getA).toBe(Object.getOwnPropertyDescriptor(b, field)?.get);
    }
  });
});
