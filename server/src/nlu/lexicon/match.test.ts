import { describe, expect, it } from 'vitest';
import { findNamesInWords } from './in-words.ts';
import {
  BUILTIN_TYPE_LISTS,
  builtinLexiconFingerprint,
  builtinTypeLexicon,
  LEXICON_MATCHER_VERSION,
  lexiconFingerprint,
} from './index.ts';
import { createTypeLexicon } from './match.ts';
import { namesIn } from './test-names.ts';

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

  it('with word starts, counts a match only where it starts and ends on a word boundary', () => {
    // 去/上海/虹桥: the longest entry spans two whole words
    expect(lexicon.find('去上海虹桥', [0, 1, 3])).toEqual([{ start: 1, end: 5, type: 'place' }]);
    // 去上/海虹桥: no entry lines up
    expect(lexicon.find('去上海虹桥', [0, 2])).toEqual([]);
    // 去/上海/虹桥站: 上海虹桥 ends inside a word, the shorter 上海 lines up
    expect(lexicon.find('去上海虹桥站', [0, 1, 3])).toEqual([{ start: 1, end: 3, type: 'place' }]);
  });

  it('rejects a word start outside the run', () => {
    expect(() => lexicon.find('上海', [0, 5])).toThrow(/outside the run/);
    expect(() => lexicon.find('上海', [0, 0.5])).toThrow(/outside the run/);
  });

  it('rejects a type name that is not lowercase letters', () => {
    expect(() => createTypeLexicon({ 'TV channel': '湖南卫视' })).toThrow(/lowercase/);
  });
});

describe('builtinTypeLexicon', () => {
  it('knows names of each kind', () => {
    expect(namesIn('白内障怎么治')).toEqual(['白内障=illness']);
    expect(namesIn('湖南卫视今晚播什么')).toEqual(['湖南卫视=tv_channel']);
    expect(namesIn('来一首周杰伦的')).toEqual(['周杰伦=singer']);
    expect(namesIn('李白的诗')).toEqual(['李白=poet']);
    expect(namesIn('中国平安股价')).toEqual(['中国平安=company']);
    expect(namesIn('打开支付宝')).toEqual(['支付宝=app']);
    expect(namesIn('呼和浩特')).toEqual(['呼和浩特=place']);
    expect(namesIn('宫保鸡丁')).toEqual(['宫保鸡丁=dish']);
    expect(namesIn('播放琅琊榜')).toEqual(['琅琊榜=tv_series']);
    expect(namesIn('看新闻联播')).toEqual(['新闻联播=tv_programme']);
    expect(namesIn('我要玩中国象棋')).toEqual(['中国象棋=game']);
    // 周深 (a singer) is gone, so the week and the city no longer make one
    expect(namesIn('这周深圳下雨吗')).toEqual(['深圳=place']);
  });

  it('reads 同花顺 as the site (listed under websites and companies: the first list wins)', () => {
    expect(builtinTypeLexicon().find('同花顺')).toEqual([{ start: 0, end: 3, type: 'website' }]);
  });
});

describe('findNamesInWords', () => {
  it('drops a name whose one-character neighbour word makes a dictionary word with it (上网 易, 一百 度)', () => {
    expect(findNamesInWords('上网易掉线', ['上', '网易', '掉线'])).toEqual([]);
    expect(findNamesInWords('一百度', ['一', '百度'])).toEqual([]);
    expect(findNamesInWords('用百度', ['用', '百度'])).toEqual([{ start: 1, end: 3, type: 'app' }]);
    expect(findNamesInWords('打开网易', ['打开', '网易'])).toEqual([{ start: 2, end: 4, type: 'website' }]);
  });

  it('rejects words that do not make up the run', () => {
    expect(() => findNamesInWords('打开网易', ['打开', '网'])).toThrow(/cover 3 characters of a 4-character run/);
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

  it('changes with the matcher version (a rule change types text differently, as a list change does)', () => {
    const lists = { place: '上海 北京' };
    expect(lexiconFingerprint(lists)).toBe(lexiconFingerprint(lists, LEXICON_MATCHER_VERSION));
    expect(lexiconFingerprint(lists, LEXICON_MATCHER_VERSION - 1)).not.toBe(lexiconFingerprint(lists));
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
