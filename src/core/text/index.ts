/**
 * The one text pipeline: folding, tokens (with offsets, for evidence) and terms (stemmed, stop
 * words and negation marked, for similarity), in English, German, Spanish, French, Portuguese and
 * Indonesian. Detection, the KEDB search and the checklist all read text through it.
 */
export * from './fold';
export * from './negation';
export * from './stemmers';
export * from './stopwords';
export * from './synonyms';
export * from './analyze';
export { compilePhrase, PhraseMatcher, tokenize as tokenizeWithOffsets, type Phrase, type PhraseHit, type Token } from './tokens';
