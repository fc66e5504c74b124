import { describe, expect, it } from 'vitest';
import type { SparseVector } from './feature-space.ts';
import { scoreLinear } from './linear.ts';
import { blendLinear, trainNaiveBayes } from './naive-bayes.ts';

const vec = (pairs: Array<[number, number]>): SparseVector => ({
  idx: Int32Array.from(pairs.map((p) => p[0])),
  val: Float32Array.from(pairs.map((p) => p[1])),
});

describe('trainNaiveBayes', () => {
  // features 0–1 belong to class 0, 2–3 to class 1; feature 4 is shared
  const xs = [
    vec([
      [0, 0.8],
      [4, 0.6],
    ]),
    vec([
      [1, 0.8],
      [4, 0.6],
    ]),
    vec([
      [2, 0.8],
      [4, 0.6],
    ]),
    vec([
      [3, 0.8],
      [4, 0.6],
    ]),
  ];
  const y = Int32Array.from([0, 0, 1, 1]);
  const nb = trainNaiveBayes(xs, y, 2, 5);

  it('scores a class higher on the features seen with it', () => {
    const s0 = scoreLinear(nb, vec([[0, 1]]));
    const s1 = scoreLinear(nb, vec([[3, 1]]));
    expect(s0[0]).toBeGreaterThan(s0[1]!);
    expect(s1[1]).toBeGreaterThan(s1[0]!);
  });

  it('centres every feature row, so a feature shared by all classes is neutral', () => {
    for (let f = 0; f < 5; f++) expect(nb.weights[f * 2]! + nb.weights[f * 2 + 1]!).toBeCloseTo(0, 5);
    const shared = scoreLinear(nb, vec([[4, 1]]));
    expect(shared[0]).toBeCloseTo(shared[1]!, 5);
  });

  it('blends into one linear model: scores add up', () => {
    const svm = { classes: 2, features: 5, weights: new Float32Array(10).fill(0.5), bias: Float32Array.from([1, -1]) };
    const blended = blendLinear(svm, nb, 0.1);
    const x = vec([
      [0, 0.6],
      [2, 0.8],
    ]);
    const a = scoreLinear(svm, x);
    const b = scoreLinear(nb, x);
    const c = scoreLinear(blended, x);
    for (let k = 0; k < 2; k++) expect(c[k]).toBeCloseTo(a[k]! + 0.1 * b[k]!, 5);
    expect(blendLinear(svm, nb, 0)).toBe(svm);
  });
});
