/**
 * XLSX and DOCX files are zip archives; a small archive can inflate to gigabytes (a zip bomb). Before a library
 * unpacks one whole, the central directory tells what the entries claim to inflate to, and too much is refused.
 * Libraries trust the same directory, so a lying size there fails their own reads rather than inflating further.
 */
export interface ZipSummary {
  entries: number;
  uncompressedBytes: number;
}

export function readZipSummary(bytes: Uint8Array): ZipSummary | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of at most 65,535.
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= from; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) return undefined;
    const size = buffer.readUInt32LE(offset + 24);
    // 0xffffffff means the real size is in a zip64 extra field: far beyond anything we accept anyway.
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    offset +=
      46 + buffer.readUInt16LE(offset + 28) + buffer.readUInt16LE(offset + 30) + buffer.readUInt16LE(offset + 32);
  }
  return { entries: count, uncompressedBytes: total };
}

export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 10_000;

/** True when the archive is readable and small enough once inflated. */
export function isSafeZip(bytes: Uint8Array): boolean {
  const summary = readZipSummary(bytes);
  return summary !== undefined && summary.uncompressedBytes <= MAX_UNZIPPED_BYTES && summary.entries <= MAX_ZIP_ENTRIES;
}
