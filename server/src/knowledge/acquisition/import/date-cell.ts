/**
 * Dates typed into a sheet: `2026-11-26`, `2026/11/26 08:00`, `2026年11月26日`, or a full ISO time with its zone.
 * Without a zone the sheet's offset applies (China Standard Time by default). Undefined when it is not a date.
 */
export function parseDateCell(text: string, utcOffsetMinutes: number): number | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  }
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{2})(?:[:分](\d{2}))?秒?)?$/.exec(
    value,
  );
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second! > 59)
    return undefined;
  const utc = Date.UTC(year!, month! - 1, day!, hour, minute, second);
  // Date.UTC rolls 2026-02-30 over into March; a date that does not exist is refused instead.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  return utc - utcOffsetMinutes * 60_000;
}
