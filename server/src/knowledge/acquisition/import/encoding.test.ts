import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './encoding.ts';

const SAMPLE =
  '问题,答案\n如何申请退款？,在订单详情页点击“申请退款”，审核通过后原路退回。\n发票怎么开,下单时勾选开具发票即可。\n';

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(SAMPLE, 'utf8'))).toEqual({ text: SAMPLE, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]);
    expect(decodeText(bom)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('detects a GBK-encoded CSV from Chinese Windows', () => {
    const gbk = iconv.encode(SAMPLE, 'gbk');
    const decoded = decodeText(gbk);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(SAMPLE);
  });

  it('detects a short GBK line', () => {
    expect(decodeText(iconv.encode('退款多久到账', 'gbk')).text).toBe('退款多久到账');
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SAMPLE, 'utf-16le')]);
    expect(decodeText(utf16)).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
  });

  it('reads Big5 traditional Chinese', () => {
    const text = '問題,答案\n如何申請退款,請到訂單頁面申請。\n運費怎麼算,滿百免運費。\n';
    expect(decodeText(iconv.encode(text, 'big5')).text).toBe(text);
  });
});

describe('decodeText with Western single-byte files', () => {
  it('falls back to a Latin code page when the bytes are not Chinese', () => {
    const text =
      'question,answer\nCafé opening hours?,We open at 9 — crème brûlée served all day.\nDéjà vu?,Naïve façade.\n';
    expect(decodeText(iconv.encode(text, 'windows-1252')).text).toBe(text);
  });
});
