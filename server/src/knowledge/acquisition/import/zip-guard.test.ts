import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { isSafeZip, readZipSummary } from './zip-guard.ts';

describe('readZipSummary', () => {
  it('adds up what the entries inflate to', async () => {
    const zip = new JSZip();
    zip.file('a.xml', 'x'.repeat(1000));
    zip.file('目录/b.xml', 'y'.repeat(2500));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // JSZip stores the folder as an entry of its own.
    expect(readZipSummary(bytes)).toEqual({ entries: 3, uncompressedBytes: 3500 });
    expect(isSafeZip(bytes)).toBe(true);
  });

  it('is undefined for bytes that are not a zip', () => {
    expect(readZipSummary(Buffer.from('PK but not really a zip archive'))).toBeUndefined();
    expect(isSafeZip(Buffer.alloc(0))).toBe(false);
  });
});
