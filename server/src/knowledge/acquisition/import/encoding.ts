import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Text files arrive in whatever encoding the spreadsheet program chose: UTF-8 (with or without BOM), UTF-16 from
 * Excel's "Unicode text", and GBK/GB18030 from Chinese Windows. A BOM decides; valid UTF-8 is taken as UTF-8 (a
 * GBK file is almost never valid UTF-8); otherwise the detector's best guess among the encodings we can decode.
 */
export interface DecodedText {
  text: string;
  /** The encoding used, in iconv-lite's spelling (`utf-8`, `gb18030`, `utf-16le` …). */
  encoding: string;
}

/** GBK and GB2312 are subsets of GB18030: decoding with the superset never loses characters. */
const WIDEN: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'iso-8859-1': 'windows-1252' };

export function decodeText(bytes: Uint8Array): DecodedText {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString('utf8'), encoding: 'utf-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf8 = strictUtf8(buffer);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const encoding = guessEncoding(buffer);
  return { text: iconv.decode(buffer, encoding), encoding };
}

function strictUtf8(buffer: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return undefined;
  }
}

function guessEncoding(buffer: Buffer): string {
  // Statistical detectors are weak on the short cells of a FAQ sheet, so the Chinese encodings are scored first:
  // decode as each, and count how many Han characters fall in that encoding's common-character block (GB2312
  // level 1, Big5 frequent). The right encoding puts nearly all of them there; the wrong one scatters them.
  const sample = buffer.subarray(0, 64 * 1024);
  let best: { encoding: string; score: number } | undefined;
  for (const encoding of ['gb18030', 'big5']) {
    const score = commonHanShare(iconv.decode(sample, encoding), encoding);
    if (score !== undefined && (!best || score > best.score)) best = { encoding, score };
  }
  if (best && best.score >= 0.6) return best.encoding;
  const guess = chardet.analyse(sample).find((c) => iconv.encodingExists(WIDEN[c.name.toLowerCase()] ?? c.name));
  const name = (guess?.name ?? 'gb18030').toLowerCase();
  return WIDEN[name] ?? name;
}

/** Share of the decoded Han characters that are common in that encoding; undefined without Han characters. */
function commonHanShare(text: string, encoding: string): number | undefined {
  let han = 0;
  let common = 0;
  let broken = 0;
  for (const ch of text) {
    if (ch === '\ufffd') broken++;
    if (!/\p{Script=Han}/u.test(ch)) continue;
    han++;
    const bytes = iconv.encode(ch, encoding === 'big5' ? 'big5' : 'gb2312');
    const lead = bytes[0] ?? 0;
    if (bytes.length === 2 && (encoding === 'big5' ? lead >= 0xa4 && lead <= 0xc6 : lead >= 0xb0 && lead <= 0xd7))
      common++;
  }
  if (han === 0) return undefined;
  return (common - broken) / han;
}
