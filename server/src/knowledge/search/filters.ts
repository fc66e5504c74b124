// Which docs a search may return: category, tag, channel, language, and the effective window (a promotion's rules
// are only served while the promotion runs).
import type { SearchDoc, SearchOptions } from './types.ts';

export function passesFilters(doc: SearchDoc, opts: SearchOptions, now: number): boolean {
  if (opts.categoryId !== undefined && doc.categoryId !== opts.categoryId) return false;
  if (opts.language !== undefined && doc.language !== opts.language) return false;
  if (opts.tag !== undefined && !doc.tags.includes(opts.tag)) return false;
  // a doc without channels is served on every channel
  if (opts.channel !== undefined && doc.channels.length > 0 && !doc.channels.includes(opts.channel)) return false;
  if (doc.effectiveFrom !== null && now < doc.effectiveFrom) return false;
  if (doc.effectiveTo !== null && now >= doc.effectiveTo) return false;
  return true;
}
