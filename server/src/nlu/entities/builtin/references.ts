// Order and tracking numbers. Every shop numbers its orders differently, so the patterns are workspace settings;
// the defaults cover common marketplace and carrier formats and only fire next to a keyword when they are bare digits.
import { type Match, scan } from './match.ts';

export interface ReferencePatterns {
  /** regexes (source strings or RegExp) for order numbers, matched against lowercased, half-width text */
  orderNumbers?: Array<string | RegExp>;
  /** regexes for tracking (waybill) numbers */
  trackingNumbers?: Array<string | RegExp>;
}

export const DEFAULT_ORDER_PATTERNS: RegExp[] = [
  // "订单号: 2024051012345678", "order #A12345": a keyword makes a bare code an order number
  /(?:订单号?|单号|order(?: number| no\.?| id)?)\s?(?:是|为|:|：|#|＃)?\s?#?(?<m>[a-z]{0,4}-?\d[\d-]{5,24}[a-z0-9]?)(?![\w-])/g,
  /(?<![\w-])(?<m>(?:so|po|od|ord)-?\d{6,20})(?![\w-])/g,
];

export const DEFAULT_TRACKING_PATTERNS: RegExp[] = [
  // SF Express, YTO, ZTO, STO, JD, EMS…
  /(?<![\w-])(?<m>(?:sf|yt|jt|jd|jdv|jdx|ems|dpk|zto|sto)\d{9,15})(?![\w-])/g,
  /(?<![\w-])(?<m>[a-z]{2}\d{9}cn)(?![\w-])/g, // UPU S10 (China Post international)
  /(?<![\w-])(?<m>1z[0-9a-z]{16})(?![\w-])/g, // UPS
  /(?:快递单号|运单号|物流单号|tracking(?: number| no\.?)?)\s?(?:是|为|:|：|#)?\s?#?(?<m>[a-z]{0,4}\d{8,20})(?![\w-])/g,
];

function compile(patterns: Array<string | RegExp>): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns) {
    try {
      const re = typeof p === 'string' ? new RegExp(p, 'giu') : p;
      out.push(re.global ? re : new RegExp(re.source, `${re.flags}g`));
    } catch {
      // a broken workspace pattern must not break understanding; the settings screen validates them on save
    }
  }
  return out;
}

export function createReferenceFinder(patterns: ReferencePatterns = {}): (text: string) => Match[] {
  const order = compile(patterns.orderNumbers ?? DEFAULT_ORDER_PATTERNS);
  const tracking = compile(patterns.trackingNumbers ?? DEFAULT_TRACKING_PATTERNS);
  return (text) => {
    const out: Match[] = [];
    for (const [type, list] of [
      ['tracking_number', tracking],
      ['order_number', order],
    ] as const) {
      for (const re of list) {
        for (const { start, end } of scan(re, text)) {
          const value = text.slice(start, end).toUpperCase();
          // workspace patterns are deliberate, so they outrank phone/card guesses on the same digits
          out.push({ type, start, end, value, confidence: 0.9, priority: 7 });
        }
      }
    }
    return out;
  };
}
