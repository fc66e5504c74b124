// Built-in Chinese type lexicons: lists of names that say what a word IS (a disease, a place, an app, a singer…),
// written by the project from general knowledge, like the sentiment lexicons. The intent features use them as
// type tokens, so a name never seen in a workspace's training phrases still reads as "an illness" or "a TV channel".
// Each list file says what it covers; entries are simplified Chinese, the form folded text takes.
//
// What may be an entry (every list is screened by it; match.test.ts holds customer-service sentences that must
// match nothing): the type must still be TRUE wherever the entry turns up in a customer-service chat, because a
// wrong type token is worse than none. So a list holds names, and a common noun only when the noun itself is of
// that type in any sentence (感冒 is an illness, 饺子 a dish, 电台 a radio station). Left out:
//  - names that are also everyday words or phrases: 无线 (a Hong Kong channel, and "wireless"), 越狱, 潜伏, 黎明,
//    云朵, 你的名字, 都挺好, 实话实说, 开封 (商品已开封), 发热 (手机发热), 有道 (inside 有道理), 去哪儿;
//  - generic nouns for a thing a name of the type is about: 相机, 相册, 网盘, 广播, 收音机, 手机银行, 共享单车 are
//    not apps, sites or stations (the intent model learns such words from its own examples);
//  - short names of companies that are also words of the trade or mostly mean something else in a service chat:
//    联通 and 电信 (电信诈骗; the listed companies keep their full names 中国联通, 中国电信), 建行 (a bank, not an
//    app), 京东方 (inside 京东方便吗), 上海机场 (the airport, not the share), and brands that are also ordinary
//    things of another type: 苹果, 小米 (phones, not fruit and grain), 雷神 (laptops, not the film), 伍佰 (500 in
//    capital numerals, not the singer);
//  - games listed as apps (麻将, 象棋, 围棋, 斗地主): they are games (games-zh.ts), whatever they are played on.
// The intent features count a match only where it lines up with jieba's words (in-words.ts), so a name read across
// two words is no longer a worry for the lists; before that, short names that often straddle two words went:
// 周深 (这周深圳), 那英 (那英文版), 张也 (这张也不行). A name that is an everyday word or phrase on its own still
// goes, whatever jieba does: 猫腻, 耳根, 三毛 (三毛钱), 古龙 (古龙香水: 古龙/香水), 虎牙, 探探 (探探路), 花甲, 八角
// (八角钱), 北岛 (新西兰北岛), 晋江 (a city: now a place; the site keeps its full name 晋江文学城), and titles that are
// plain phrases: 小星星, 小燕子, 橄榄树, 大白鲨, 赘婿, 红高粱, 遮天, 我的世界, 跳一跳, 年少有为, 我只在乎你.
import { createHash } from 'node:crypto';
import { COMPANIES } from './companies-zh.ts';
import { DISHES, INGREDIENTS } from './food-zh.ts';
import { GAMES } from './games-zh.ts';
import { ILLNESSES, MEDICINES, SYMPTOMS } from './health-zh.ts';
import { APPS, WEBSITES } from './internet-zh.ts';
import { createTypeLexicon, type TypeLexicon } from './match.ts';
import { RADIO_STATIONS, TV_CHANNELS } from './media-zh.ts';
import { NOVELISTS, POETS, SINGERS } from './people-zh.ts';
import { PLACES } from './places-zh.ts';
import { CARTOONS, FILMS, NOVELS, SONGS, TV_PROGRAMMES, TV_SERIES } from './titles-zh.ts';

export type { LexiconMatch, TypeLexicon } from './match.ts';

/**
 * The built-in lists by type. The order settles a name listed twice (the first list keeps it): the more specific
 * lists come first, so 同花顺 (listed under websites and companies) reads as the site people open before the
 * listed company.
 */
export const BUILTIN_TYPE_LISTS: Readonly<Record<string, string>> = {
  tv_channel: TV_CHANNELS,
  radio_station: RADIO_STATIONS,
  tv_programme: TV_PROGRAMMES,
  cartoon: CARTOONS,
  film: FILMS,
  tv_series: TV_SERIES,
  novel: NOVELS,
  song: SONGS,
  app: APPS,
  website: WEBSITES,
  game: GAMES,
  company: COMPANIES,
  illness: ILLNESSES,
  symptom: SYMPTOMS,
  medicine: MEDICINES,
  singer: SINGERS,
  poet: POETS,
  novelist: NOVELISTS,
  dish: DISHES,
  ingredient: INGREDIENTS,
  place: PLACES,
};

let shared: TypeLexicon | undefined;

/** The process-wide matcher over every built-in list (built on first use, about a millisecond). */
export function builtinTypeLexicon(): TypeLexicon {
  shared ??= createTypeLexicon(BUILTIN_TYPE_LISTS);
  return shared;
}

/**
 * The version of the matching rules (match.ts, in-words.ts). The fingerprint covers it as well as the lists, since a
 * rule change types the same text differently just as a list change does: bump it whenever the rules change what a
 * text matches. 1: any substring of a Han run; 2: only on jieba's word boundaries, close calls dropped.
 */
export const LEXICON_MATCHER_VERSION = 2;

let fingerprint: string | undefined;

/**
 * A short hash of the built-in lists (types in order, entries as split) and the matcher version: a saved intent
 * model records it, so a model trained before the lists or the rules changed is told apart on load. Layout changes
 * (line breaks) leave it alone.
 */
export function builtinLexiconFingerprint(): string {
  fingerprint ??= lexiconFingerprint(BUILTIN_TYPE_LISTS);
  return fingerprint;
}

/** The fingerprint of any lists by type under a matcher version (the built-in one is this over BUILTIN_TYPE_LISTS). */
export function lexiconFingerprint(
  lists: Readonly<Record<string, string>>,
  matcherVersion: number = LEXICON_MATCHER_VERSION,
): string {
  const entries = Object.entries(lists).map(([type, list]) => [type, list.split(/\s+/).filter(Boolean)]);
  return createHash('sha256').update(JSON.stringify({ matcherVersion, entries })).digest('hex').slice(0, 16);
}
