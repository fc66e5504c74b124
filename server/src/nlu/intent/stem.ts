// A light English stemmer: folds the inflections that split one meaning into several features
// ("cards"/"card", "charged"/"charge", "topping"/"top") without Porter's aggressive suffix stripping,
// which merges words the intents need apart ("transfer"/"transferred" should merge, "general"/"generate" not).

const VOWEL = /[aeiouy]/;

function hasVowel(stem: string): boolean {
  return VOWEL.test(stem);
}

/** "stopp" → "stop", "hopp" → "hop": a doubled final consonant left by -ing/-ed. */
function undouble(stem: string): string {
  const n = stem.length;
  if (n >= 3 && stem[n - 1] === stem[n - 2] && !/[aeiouylsz]/.test(stem[n - 1] ?? '')) return stem.slice(0, -1);
  return stem;
}

/** Inflection folding, then a final silent "e" dropped so "charge" and "charged" meet at "charg". */
export function stemEnglish(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  const stem = stripInflection(word);
  return stem.length > 3 && stem.endsWith('e') && !stem.endsWith('ee') ? stem.slice(0, -1) : stem;
}

function stripInflection(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ing') && word.length > 5) {
    const stem = word.slice(0, -3);
    if (hasVowel(stem)) return undouble(stem);
  }
  if (word.endsWith('ied') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ed') && word.length > 4) {
    const stem = word.slice(0, -2);
    if (hasVowel(stem)) return word.endsWith('eed') ? word.slice(0, -1) : undouble(stem);
  }
  if (word.endsWith('ly') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && /(ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is'))
    return word.slice(0, -1);
  return word;
}
