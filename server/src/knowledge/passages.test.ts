import { describe, expect, it } from 'vitest';
import { splitPassages } from './passages.ts';

describe('splitPassages', () => {
  it('starts a passage at each heading and carries the heading', () => {
    const body = '开头的说明。\n\n# 退货条件\n签收 7 天内。\n\n商品完好。\n\n## 运费\n质量问题由我们承担。';
    expect(splitPassages('退货政策', body)).toEqual([
      { no: 1, heading: '退货政策', text: '开头的说明。' },
      { no: 2, heading: '退货条件', text: '签收 7 天内。\n商品完好。' },
      { no: 3, heading: '运费', text: '质量问题由我们承担。' },
    ]);
  });

  it('joins short paragraphs and cuts long ones at sentence ends, deterministically', () => {
    const sentence = '这是一句关于保修范围和维修流程的很长的说明文字，用来测试切分。';
    const body = Array.from({ length: 80 }, () => sentence).join('');
    const passages = splitPassages('保修', body);
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(900);
    expect(passages.map((p) => p.text).join('')).toBe(body);
    expect(splitPassages('保修', body)).toEqual(passages);
  });

  it('cuts a single sentence without any stop hard, and ignores empty bodies', () => {
    const passages = splitPassages('t', 'x'.repeat(2_000));
    expect(passages.map((p) => p.text.length)).toEqual([900, 900, 200]);
    expect(splitPassages('t', ' \n\n ')).toEqual([]);
  });
});
