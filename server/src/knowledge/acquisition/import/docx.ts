import mammoth from 'mammoth';
import { isSafeZip } from './zip-guard.ts';

/** A Word document to HTML (headings, lists, tables, bold/italic, links); images are left out. */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  if (!isSafeZip(bytes)) throw new Error('not a readable .docx file, or it inflates to more than the allowed size');
  const result = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
  );
  return result.value;
}
