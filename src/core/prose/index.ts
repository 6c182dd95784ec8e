/** Prose that breaks YAML: plain-language issues (made by the parse) and their quick fixes. */
export { PROSE_CODES, PROSE_FIELDS, looksLikeProse, type ProseCode } from './syntax';
export { answersFor, AUTOMATIC_PROSE_CODES, fixProse, proseFixProvider, type ProseAnswer, type ProseChange } from './fixes';
