/**
 * Stemmers for the five languages of the helpdesk data: English (Porter's 1980 algorithm) and
 * light stemmers for German, Spanish, French and Portuguese in the manner of J. Savoy's "UniNE"
 * light stemmers (plural and gender endings, a few derivational suffixes). Light stemming is what
 * short ticket texts need: it joins "connexion"/"connexions" or "Verbindung"/"Verbindungen"
 * without the over-stemming of full algorithms. Every stemmer takes a lower-case, accent-folded
 * word (see `foldText`) and returns its stem.
 */

export type Language = 'en' | 'de' | 'es' | 'fr' | 'pt';
export const LANGUAGES: readonly Language[] = ['en', 'de', 'es', 'fr', 'pt'];

// ---- English: Porter (1980) ------------------------------------------------------------------

function isConsonant(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 || !isConsonant(w, i - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in `w[0, end)`. */
function measure(w: string, end: number): number {
  let m = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    m++;
    while (i < end && isConsonant(w, i)) i++;
  }
  return m;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
}

function endsDoubleConsonant(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isConsonant(w, end - 1);
}

/** Porter's *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
function endsCvc(w: string, end: number): boolean {
  if (end < 3) return false;
  if (!isConsonant(w, end - 3) || isConsonant(w, end - 2) || !isConsonant(w, end - 1)) return false;
  const c = w[end - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

/** Replaces `suffix` by `repl` when the stem before it has m > `minM`; undefined when `w` lacks the suffix. */
function replaceIf(w: string, suffix: string, repl: string, minM: number): string | undefined {
  if (!w.endsWith(suffix)) return undefined;
  const stemEnd = w.length - suffix.length;
  return measure(w, stemEnd) > minM ? w.slice(0, stemEnd) + repl : w;
}

const STEP2: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: [string, string][] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize'];

export function stemEnglish(word: string): string {
  if (word.length <= 2) return word;
  let w = word;
  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);
  // Step 1b: -ed, -ing.
  let cleanup = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    cleanup = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    cleanup = true;
  }
  if (cleanup) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleConsonant(w, w.length) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w, w.length) === 1 && endsCvc(w, w.length)) w += 'e';
  }
  // Step 1c: y → i after a vowel in the stem.
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';
  // Steps 2 and 3: derivational suffixes, when the stem has m > 0.
  for (const table of [STEP2, STEP3]) {
    for (const [suffix, repl] of table) {
      const r = replaceIf(w, suffix, repl, 0);
      if (r !== undefined) {
        w = r;
        break;
      }
    }
  }
  // Step 4: more suffixes, when the stem has m > 1.
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const stemEnd = w.length - suffix.length;
    if (measure(w, stemEnd) > 1 && (suffix !== 'ion' || /[st]$/.test(w.slice(0, stemEnd)))) w = w.slice(0, stemEnd);
    break;
  }
  // Step 5: a final -e, a final double l.
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !endsCvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

// ---- German (light) --------------------------------------------------------------------------

/** Consonants after which a final -s or -st is an inflection ("Netzwerks", "läuft" → "lauf"). */
const ST_ENDING = new Set(['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 't']);

export function stemGerman(word: string): string {
  let w = word;
  // Inflections: -ern, -em/-en/-er/-es, -e, -s.
  if (w.length > 5 && w.endsWith('ern')) w = w.slice(0, -3);
  else if (w.length > 4 && /e[mnrs]$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  else if (w.length > 3 && w.endsWith('s') && ST_ENDING.has(w[w.length - 2])) w = w.slice(0, -1);
  // Comparatives and verb endings: -est, -er/-en, -st.
  if (w.length > 5 && w.endsWith('est')) w = w.slice(0, -3);
  else if (w.length > 4 && /e[rn]$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('st') && ST_ENDING.has(w[w.length - 3])) w = w.slice(0, -2);
  // Nouns in -ung name the act of their verb: "Verbindung" / "verbinden", "Aktualisierung".
  if (w.length > 6 && w.endsWith('ung')) w = w.slice(0, -3);
  return w;
}

// ---- Spanish (light) -------------------------------------------------------------------------

export function stemSpanish(word: string): string {
  let w = word;
  if (w.length < 5) return w;
  if (w.endsWith('eses')) return w.slice(0, -2);
  if (w.endsWith('ces')) return w.slice(0, -3) + 'z';
  if (/[aeo]s$/.test(w)) w = w.slice(0, -2);
  else if (/[aeo]$/.test(w)) w = w.slice(0, -1);
  // Adverbs: "rapidamente" → "rapid".
  if (w.length > 8 && w.endsWith('ment')) w = w.slice(0, -4);
  return w;
}

// ---- Portuguese (light) ----------------------------------------------------------------------

const PT_PLURALS: [string, string][] = [
  ['oes', 'ao'], ['aes', 'ao'], ['ais', 'al'], ['eis', 'el'], ['ois', 'ol'], ['ns', 'm'], ['res', 'r'], ['les', 'l'],
];

export function stemPortuguese(word: string): string {
  let w = word;
  if (w.length < 4) return w;
  let done = false;
  for (const [suffix, repl] of PT_PLURALS) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length) + repl;
      done = true;
      break;
    }
  }
  if (!done && w.endsWith('s') && w.length > 4) w = w.slice(0, -1);
  // "-mente" adverbs, then gender: "conectado" / "conectada" → "conectad".
  if (w.length > 8 && w.endsWith('mente')) w = w.slice(0, -5);
  if (w.length > 4 && /[aeo]$/.test(w)) w = w.slice(0, -1);
  return w;
}

// ---- French (light) --------------------------------------------------------------------------

export function stemFrench(word: string): string {
  let w = word;
  // Plurals: -aux → -al ("réseaux" → "réseal" is avoided: only after a consonant-free -eaux test).
  if (w.length > 5 && w.endsWith('aux') && !w.endsWith('eaux')) w = w.slice(0, -3) + 'al';
  else if (w.length > 3 && /[sx]$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ement')) w = w.slice(0, -5);
  else if (w.length > 8 && /[ai]tion$/.test(w)) w = w.slice(0, -4);
  else if (w.length > 7 && w.endsWith('euse')) w = w.slice(0, -4) + 'eu';
  else if (w.length > 6 && w.endsWith('eur')) w = w.slice(0, -3);
  // Verb and feminine endings: -er, -ee, -e; a doubled final consonant.
  if (w.length > 4 && w.endsWith('r')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 4 && w[w.length - 1] === w[w.length - 2] && /[a-z]/.test(w[w.length - 1])) w = w.slice(0, -1);
  return w;
}

export const STEMMERS: Record<Language, (word: string) => string> = {
  en: stemEnglish,
  de: stemGerman,
  es: stemSpanish,
  fr: stemFrench,
  pt: stemPortuguese,
};
