import { describe, expect, it } from 'vitest';
import { questionDoc } from './question-doc.ts';
import { createSearchIndex } from './search-index.ts';

const top = (entries: string[], query: string) => {
  const idx = createSearchIndex();
  entries.forEach((text, i) => {
    idx.upsert(questionDoc(`e${i}`, text));
  });
  return idx.search(query)[0]?.docId;
};

describe('general paraphrase sets of everyday written questions', () => {
  // the near-duplicate that shares the query's other words is listed first: without the set it would win the tie
  it('equates words that ask the same thing in any context (启动 = 开机, 截屏 = 截图, 头痛 = 头疼)', () => {
    expect(top(['电脑关机很慢怎么办', '电脑开机很慢怎么办'], '电脑启动很慢怎么办')).toBe('e1');
    expect(top(['苹果手机怎么录屏', '苹果手机怎么截图'], '苹果手机怎么截屏')).toBe('e1');
    expect(top(['牙疼吃什么药', '头疼吃什么药'], '头痛吃什么药')).toBe('e1');
  });
});
