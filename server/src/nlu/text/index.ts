// Public API of the text half of the language engine (re-exported by nlu/index.ts).
export { normalizeText } from './fast-normalize.ts';
export { detectLanguage } from './language.ts';
export { DEFAULT_MAX_LENGTH, type NormalizeOptions, normalize, toOriginalSpan } from './normalize.ts';
export { createTokenizer, defaultTokenizer, type Tokenizer, type TokenizerOptions } from './tokenizer.ts';
