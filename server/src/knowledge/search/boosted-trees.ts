// Small gradient-boosted regression trees on top of the linear re-ranker: they catch what a weighted sum cannot
// ("high overlap but a different number", "short question, every word matched"). Trained with the pairwise
// (RankNet) loss, the same objective as the linear part, on feature histograms so fitting stays a few seconds.

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Flat tree: node i is a leaf when feature[i] < 0; otherwise x[feature] <= threshold goes to left[i]. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

export function treeScore(trees: readonly Tree[], f: ArrayLike<number>): number {
  let s = 0;
  for (const t of trees) {
    let i = 0;
    while ((t.feature[i] as number) >= 0) {
      i =
        (f[t.feature[i] as number] as number) <= (t.threshold[i] as number)
          ? (t.left[i] as number)
          : (t.right[i] as number);
    }
    s += t.value[i] as number;
  }
  return s;
}

export interface BoostOptions {
  trees?: number;
  depth?: number;
  learningRate?: number;
  /** L2 on leaf values */
  lambda?: number;
  /** smallest hessian sum a leaf may hold */
  minHessian?: number;
  bins?: number;
}

interface Query {
  rows: number[];
  relevant: boolean[];
}

/** Fits trees on pairwise gradients around `base` scores (the linear re-ranker's); returns them. */
export function fitBoostedTrees(
  features: ArrayLike<number>[],
  base: number[],
  queries: Query[],
  opts: BoostOptions = {},
): Tree[] {
  const nTrees = opts.trees ?? 60;
  const depth = opts.depth ?? 3;
  const rate = opts.learningRate ?? 0.1;
  const lambda = opts.lambda ?? 1;
  const minH = opts.minHessian ?? 1;
  const nBins = opts.bins ?? 32;
  const n = features.length;
  const d = features[0]?.length ?? 0;
  // quantile bin edges per feature
  const edges: number[][] = [];
  const binned: Uint8Array[] = [];
  for (let j = 0; j < d; j++) {
    const values = [...new Set(features.map((f) => f[j] as number))].sort((a, b) => a - b);
    const e: number[] = [];
    for (let b = 1; b < nBins; b++) {
      const v = values[Math.floor((b * values.length) / nBins)];
      if (v !== undefined && (e.length === 0 || v > (e[e.length - 1] as number))) e.push(v);
    }
    edges.push(e);
    const col = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const x = features[i]?.[j] as number;
      let b = 0;
      while (b < e.length && x >= (e[b] as number)) b++;
      col[i] = b;
    }
    binned.push(col);
  }
  const score = Float64Array.from(base);
  const trees: Tree[] = [];
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < nTrees; t++) {
    g.fill(0);
    h.fill(0);
    for (const q of queries) {
      q.rows.forEach((i, a) => {
        if (!q.relevant[a]) return;
        q.rows.forEach((j, b) => {
          if (q.relevant[b]) return;
          const rho = sigmoid((score[j] as number) - (score[i] as number));
          const w = rho * (1 - rho);
          g[i] = (g[i] as number) - rho;
          g[j] = (g[j] as number) + rho;
          h[i] = (h[i] as number) + w;
          h[j] = (h[j] as number) + w;
        });
      });
    }
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    const grow = (rows: number[], level: number): number => {
      const id = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      let G = 0;
      let H = 0;
      for (const i of rows) {
        G += g[i] as number;
        H += h[i] as number;
      }
      tree.value.push((-G / (H + lambda)) * rate);
      if (level >= depth || rows.length < 2) return id;
      let best = { gain: 1e-9, feature: -1, bin: -1 };
      const parent = (G * G) / (H + lambda);
      for (let j = 0; j < d; j++) {
        const hg = new Float64Array(nBins);
        const hh = new Float64Array(nBins);
        const col = binned[j] as Uint8Array;
        for (const i of rows) {
          const b = col[i] as number;
          hg[b] = (hg[b] as number) + (g[i] as number);
          hh[b] = (hh[b] as number) + (h[i] as number);
        }
        let gl = 0;
        let hl = 0;
        for (let b = 0; b < (edges[j] as number[]).length; b++) {
          gl += hg[b] as number;
          hl += hh[b] as number;
          const hr = H - hl;
          if (hl < minH || hr < minH) continue;
          const gr = G - gl;
          const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
          if (gain > best.gain) best = { gain, feature: j, bin: b };
        }
      }
      if (best.feature < 0) return id;
      const col = binned[best.feature] as Uint8Array;
      const leftRows = rows.filter((i) => (col[i] as number) <= best.bin);
      const rightRows = rows.filter((i) => (col[i] as number) > best.bin);
      tree.feature[id] = best.feature;
      // the bin's upper edge: x <= edge - tiny goes left, matching the binning (x < edge → bin below)
      tree.threshold[id] = ((edges[best.feature] as number[])[best.bin] as number) - 1e-12;
      tree.left[id] = grow(leftRows, level + 1);
      tree.right[id] = grow(rightRows, level + 1);
      return id;
    };
    grow(
      Array.from({ length: n }, (_, i) => i),
      0,
    );
    trees.push(tree);
    for (let i = 0; i < n; i++) score[i] = (score[i] as number) + treeScore([tree], features[i] as ArrayLike<number>);
  }
  return trees;
}
