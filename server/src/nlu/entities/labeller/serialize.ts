// Compact binary form of a slot labeller: a JSON header (types, dictionaries), the transition weights, and only
// the non-zero emission weights as delta-coded varint indexes with int16 values (scaled). Loads in milliseconds.
import type { PerceptronWeights } from './perceptron.ts';
import { createWeights } from './perceptron.ts';
import type { SlotLabellerConfig } from './slot-labeller.ts';

const MAGIC = 0x4c58534c; // "LXSL"
const VERSION = 1;

export function serializeLabeller(config: SlotLabellerConfig, w: PerceptronWeights): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ ...config, labels: w.labels, hashBits: w.hashBits }));
  let max = 0;
  for (let i = 0; i < w.emission.length; i++) max = Math.max(max, Math.abs(w.emission[i] as number));
  const scale = max > 0 ? max / 32767 : 1;
  // weights that quantize to zero are dropped: they cannot change a decision
  let count = 0;
  for (let i = 0; i < w.emission.length; i++) if (Math.round((w.emission[i] as number) / scale) !== 0) count++;
  const indexBytes: number[] = [];
  const values = new Int16Array(count);
  let previous = 0;
  let k = 0;
  for (let i = 0; i < w.emission.length; i++) {
    const q = Math.round((w.emission[i] as number) / scale);
    if (q === 0) continue;
    let delta = i - previous;
    previous = i;
    while (delta >= 0x80) {
      indexBytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    indexBytes.push(delta);
    values[k++] = q;
  }
  const size = 16 + header.length + w.transition.length * 4 + 4 + indexBytes.length + values.byteLength + 8;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  view.setUint32(at, MAGIC);
  view.setUint32(at + 4, VERSION);
  view.setUint32(at + 8, header.length);
  view.setUint32(at + 12, w.transition.length);
  at = 16;
  out.set(header, at);
  at += header.length;
  for (const t of w.transition) {
    view.setFloat32(at, t, true);
    at += 4;
  }
  view.setFloat32(at, scale, true);
  view.setUint32(at + 4, count, true);
  view.setUint32(at + 8, indexBytes.length, true);
  at += 12;
  out.set(indexBytes, at);
  at += indexBytes.length;
  for (const v of values) {
    view.setInt16(at, v, true);
    at += 2;
  }
  return out.subarray(0, at);
}

export function deserializeLabeller(bytes: Uint8Array): { config: SlotLabellerConfig; weights: PerceptronWeights } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16 || view.getUint32(0) !== MAGIC) throw new Error('not a Lingxi slot labeller');
  if (view.getUint32(4) !== VERSION) throw new Error(`unsupported slot labeller version ${view.getUint32(4)}`);
  const headerLength = view.getUint32(8);
  const transitions = view.getUint32(12);
  let at = 16;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(at, at + headerLength))) as SlotLabellerConfig & {
    labels: number;
    hashBits: number;
  };
  at += headerLength;
  const weights = createWeights(header.labels, header.hashBits);
  if (weights.transition.length !== transitions) throw new Error('corrupt slot labeller: transition size');
  for (let i = 0; i < transitions; i++) {
    weights.transition[i] = view.getFloat32(at, true);
    at += 4;
  }
  const scale = view.getFloat32(at, true);
  const count = view.getUint32(at + 4, true);
  const indexLength = view.getUint32(at + 8, true);
  at += 12;
  let p = at;
  let valueAt = at + indexLength;
  let index = 0;
  for (let k = 0; k < count; k++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++] as number;
      delta += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    index += delta;
    weights.emission[index] = view.getInt16(valueAt, true) * scale;
    valueAt += 2;
  }
  const config: SlotLabellerConfig = {
    types: header.types,
    userDictionary: header.userDictionary,
    gazetteer: header.gazetteer,
  };
  return { config, weights };
}
