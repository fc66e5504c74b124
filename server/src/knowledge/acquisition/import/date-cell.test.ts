import { describe, expect, it } from 'vitest';
import { parseDateCell } from './date-cell.ts';

describe('parseDateCell', () => {
  it('reads the usual ways dates are typed, in the sheet’s zone', () => {
    expect(parseDateCell('2026-11-26', 480)).toBe(Date.UTC(2026, 10, 25, 16, 0));
    expect(parseDateCell('2026/11/26 08:30', 480)).toBe(Date.UTC(2026, 10, 26, 0, 30));
    expect(parseDateCell('2026年11月26日', 0)).toBe(Date.UTC(2026, 10, 26));
    expect(parseDateCell('2026-11-26T08:00:00Z', 480)).toBe(Date.UTC(2026, 10, 26, 8));
    expect(parseDateCell('2026-11-26T08:00:00+08:00', 0)).toBe(Date.UTC(2026, 10, 26, 0));
  });

  it('refuses what is not a date', () => {
    for (const text of ['明天', '2026-02-30', '2026-13-01', '26/11/2026', '2026-11-26 25:00', '']) {
      expect(parseDateCell(text, 480), text).toBeUndefined();
    }
  });
});
