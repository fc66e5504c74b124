// Built-in Chinese type lexicons: lists of names that say what a word IS (a disease, a place, an app, a singer…),
// written by the project from general knowledge, like the sentiment lexicons. The intent features use them as
// type tokens, so a name never seen in a workspace's training phrases still reads as "an illness" or "a TV channel".
// Each list file says what it covers; entries are simplified Chinese, the form folded text takes.
import { COMPANIES } from './companies-zh.ts';
import { DISHES, INGREDIENTS } from './food-zh.ts';
import { ILLNESSES, MEDICINES, SYMPTOMS } from './health-zh.ts';
import { APPS, WEBSITES } from './internet-zh.ts';
import { createTypeLexicon, type TypeLexicon } from './match.ts';
import { RADIO_STATIONS, TV_CHANNELS } from './media-zh.ts';
import { NOVELISTS, POETS, SINGERS } from './people-zh.ts';
import { PLACES } from './places-zh.ts';
import { CARTOONS, FILMS, NOVELS, SONGS, TV_PROGRAMMES, TV_SERIES } from './titles-zh.ts';

export type { LexiconMatch, TypeLexicon } from './match.ts';
export { createTypeLexicon } from './match.ts';

/**
 * The built-in lists by type. The order settles a name listed twice (the first list keeps it): the more specific
 * lists come first, so 同花顺 is a company's app before it is a company.
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
