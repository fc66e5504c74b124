import iconv from 'iconv-lite';
import { decodeText } from '../import/encoding.ts';

/** A page's bytes to text: the charset the server declares, else the one in a <meta> tag, else detection. */
export function decodeHtml(body: Buffer, contentType: string | undefined): string {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  if (declared) {
    const name = /^(gb2312|gbk)$/i.test(declared) ? 'gb18030' : declared;
    if (iconv.encodingExists(name)) return iconv.decode(body, name);
  }
  return decodeText(body).text;
}
