// Check digits: a number that fails its check digit is a typo or a made-up number, never reported as an ID/card.

/** Luhn (mod 10) check used by bank cards. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits of a resident ID. */
export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** An 18-character mainland resident ID: region, a real birth date, sequence, and a matching check character. */
export function idCardValid(id: string): boolean {
  const upper = id.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(upper)) return false;
  const year = Number(upper.slice(6, 10));
  const month = Number(upper.slice(10, 12));
  const day = Number(upper.slice(12, 14));
  if (year < 1900 || year > 2100) return false;
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (birth.getUTCFullYear() !== year || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return false;
  return idCardCheckChar(upper.slice(0, 17)) === upper[17];
}
