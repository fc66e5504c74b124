import { describe, expect, it } from 'vitest';
import {
  BUILTIN_TYPE_LISTS,
  builtinLexiconFingerprint,
  builtinTypeLexicon,
  createTypeLexicon,
  lexiconFingerprint,
} from './index.ts';

describe('createTypeLexicon', () => {
  const lexicon = createTypeLexicon({ place: '上海 上海虹桥 安徽', radio_station: '交通台', dish: '红烧肉 肉' });

  it('finds entries leftmost-longest, without overlaps, with offsets into the run', () => {
    expect(lexicon.find('打开安徽交通台')).toEqual([
      { start: 2, end: 4, type: 'place' },
      { start: 4, end: 7, type: 'radio_station' },
    ]);
    expect(lexicon.find('去上海虹桥')).toEqual([{ start: 1, end: 5, type: 'place' }]);
  });

  it('ignores one-character entries (too ambiguous to name a type)', () => {
    expect(lexicon.find('肉')).toEqual([]);
    expect(lexicon.find('红烧肉')).toEqual([{ start: 0, end: 3, type: 'dish' }]);
  });

  it('returns nothing for text without entries', () => {
    expect(lexicon.find('')).toEqual([]);
    expect(lexicon.find('今天天气怎么样')).toEqual([]);
  });

  it('keeps a name listed under two types under the first list only', () => {
    expect(createTypeLexicon({ app: '土豆 微信', ingredient: '土豆 白菜' }).find('土豆')).toEqual([
      { start: 0, end: 2, type: 'app' },
    ]);
    expect(createTypeLexicon({ ingredient: '土豆 白菜', app: '土豆 微信' }).find('土豆')).toEqual([
      { start: 0, end: 2, type: 'ingredient' },
    ]);
  });

  it('rejects a type name that is not lowercase letters', () => {
    expect(() => createTypeLexicon({ 'TV channel': '湖南卫视' })).toThrow(/lowercase/);
  });
});

describe('builtinTypeLexicon', () => {
  it('knows names of each kind', () => {
    const types = (text: string) =>
      builtinTypeLexicon()
        .find(text)
        .map((m) => m.type);
    expect(types('白内障怎么治')).toEqual(['illness']);
    expect(types('湖南卫视今晚播什么')).toEqual(['tv_channel']);
    expect(types('来一首周杰伦的')).toEqual(['singer']);
    expect(types('李白的诗')).toEqual(['poet']);
    expect(types('中国平安股价')).toEqual(['company']);
    expect(types('打开支付宝')).toEqual(['app']);
    expect(types('呼和浩特')).toEqual(['place']);
    expect(types('宫保鸡丁')).toEqual(['dish']);
    expect(types('播放琅琊榜')).toEqual(['tv_series']);
    expect(types('看新闻联播')).toEqual(['tv_programme']);
    expect(types('我要玩中国象棋')).toEqual(['game']);
    // 周深 (a singer) is gone, so the week and the city no longer make one
    expect(types('这周深圳下雨吗')).toEqual(['place']);
  });

  it('reads 同花顺 as the site (listed under websites and companies: the first list wins)', () => {
    expect(builtinTypeLexicon().find('同花顺')).toEqual([{ start: 0, end: 3, type: 'website' }]);
  });
});

describe('lexiconFingerprint', () => {
  it('changes with an entry or a type, not with the layout of a list', () => {
    const base = lexiconFingerprint({ place: '上海 北京', dish: '饺子' });
    expect(base).toMatch(/^[0-9a-f]{16}$/);
    expect(lexiconFingerprint({ place: '上海\n  北京 ', dish: ' 饺子' })).toBe(base);
    expect(lexiconFingerprint({ place: '上海 北京 广州', dish: '饺子' })).not.toBe(base);
    expect(lexiconFingerprint({ city: '上海 北京', dish: '饺子' })).not.toBe(base);
  });

  it('of the built-in lists is the one of BUILTIN_TYPE_LISTS', () => {
    expect(builtinLexiconFingerprint()).toBe(lexiconFingerprint(BUILTIN_TYPE_LISTS));
  });
});

describe('BUILTIN_TYPE_LISTS', () => {
  it('holds only entries that can match: two or more Han characters, each once per list', () => {
    for (const [type, list] of Object.entries(BUILTIN_TYPE_LISTS)) {
      const entries = list.split(/\s+/).filter(Boolean);
      expect(
        entries.filter((e) => !/^\p{Script=Han}{2,}$/u.test(e)),
        type,
      ).toEqual([]);
      expect(
        entries.filter((e, i) => entries.indexOf(e) !== i),
        type,
      ).toEqual([]);
    }
  });
});
