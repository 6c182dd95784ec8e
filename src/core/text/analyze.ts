/**
 * Text analysis for the similar-text rule: from an incident's title, description and body to a
 * bag of weighted terms.
 *
 * 1. Fold: lower case, accents off (é → e, ß → ss), placeholders such as `<name>` out,
 *    "can't" → "cannot", "week's" → "week", hyphens inside words joined ("Wi-Fi" → "wifi").
 * 2. Tokenize: runs of letters and digits in any script; one-letter tokens, long numbers and years
 *    are dropped.
 * 3. Language: the record's `source.language` when it is one of en, de, es, fr, pt, else the
 *    language whose function words the text uses most (English on a tie).
 * 4. Stop words: the function words of all five languages and the words every ticket carries
 *    (greetings, "issue", "please", time words); negations become a marker for step 5.
 * 5. Stem with the language's stemmer, then map ITSM synonyms and phrases to one term each
 *    ("upgrade" → `~update`, "loses its connection" → `~connection-failure`).
 * 6. Terms: every remaining stem or concept, plus word pairs: each term with the next two
 *    (unordered), which keeps "router update" apart from "update the printer driver".
 *
 * `vectors.ts` weighs the terms (TF-IDF, the title above the body) and `similarity.ts` compares
 * them (cosine, through an index). In the tiny corpus of test/fixtures/detect the pair
 * "VPN drops after the router firmware update" / "telemedicine loses its connection since last
 * week's router upgrade" scores 0.58 (the threshold is 0.35) where plain TF-IDF of their words
 * scores 0.10.
 *
 * Limits: no meaning beyond words and the listed concepts (telemedicine is not known to run over
 * the VPN); no spelling correction; negation is only read inside listed phrases; languages other
 * than the five are tokenized but get neither stop words nor stemming; a ticket that mixes
 * languages is stemmed as its main one; a German compound ("Druckertreiber") is one word.
 */
import { LANGUAGES, STEMMERS, type Language } from './stemmers';
import { FUNCTION_WORDS, TICKET_WORDS } from './stopwords';
import { ITSM_CONCEPTS } from './synonyms';
import { foldText } from './fold';
import { grown } from '../base/typedArrays';
import { NEGATIONS } from './negation';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Char code → 1 a letter or digit, 2 neither, 0 not asked yet: a German or French text asks on every umlaut. */
const WORD_CHARS = new Uint8Array(65536);

/** Letters and digits of any script (the text is lower-case and folded already). */
function isWordChar(c: number): boolean {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return true;
  if (c < 128) return false;
  const v = WORD_CHARS[c];
  if (v !== 0) return v === 1;
  const yes = LETTER_OR_DIGIT.test(String.fromCharCode(c));
  WORD_CHARS[c] = yes ? 1 : 2;
  return yes;
}

function keepToken(t: string): boolean {
  if (t.length < 2) return false;
  const c = t.charCodeAt(0);
  // Long numbers (phone, account, ticket numbers) and years say nothing about the fault.
  if (c >= 48 && c <= 57 && /^\d+$/.test(t)) return t.length <= 4 && !/^(19|20)\d\d$/.test(t);
  return true;
}

/** The hash the word table uses, over char codes: the same for a slice and for a string. */
function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) | 0;
}

/**
 * Scans a folded text for tokens: `slice(i, j, h)` for a token taken as it stands, `s[i, j)` with
 * hash `h`; `word(t)` for one made up (hyphens joined, contractions resolved). Placeholders of the
 * anonymised data sets (`<name>`, `<acc_num>`) are skipped.
 */
function scan(s: string, slice: (i: number, j: number, h: number) => void, word: (t: string) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 60 /* < */) {
      let j = i + 1;
      while (j < n && ((s.charCodeAt(j) >= 97 && s.charCodeAt(j) <= 122) || s.charCodeAt(j) === 95)) j++;
      i = j < n && s.charCodeAt(j) === 62 && j > i + 1 ? j + 1 : i + 1;
      continue;
    }
    if (!isWordChar(c)) {
      i++;
      continue;
    }
    let j = i;
    let h = 0;
    let hyphen = false;
    for (;;) {
      while (j < n) {
        const d = s.charCodeAt(j);
        if (!isWordChar(d)) break;
        h = hashStep(h, d);
        j++;
      }
      if (j + 1 < n && s.charCodeAt(j) === 45 /* - */ && isWordChar(s.charCodeAt(j + 1))) {
        hyphen = true;
        j++;
        continue;
      }
      break;
    }
    const apostrophe = j + 1 < n && s.charCodeAt(j) === 39; /* ' */
    const next = apostrophe ? s.charCodeAt(j + 1) : 0;
    // The letter after the apostrophe ends the word: no letter or hyphenated word follows ("it's-c" is "it" and "s-c").
    const alone = j + 2 >= n || (!isWordChar(s.charCodeAt(j + 2)) && !(s.charCodeAt(j + 2) === 45 && j + 3 < n && isWordChar(s.charCodeAt(j + 3))));
    const start = i;
    i = j;
    if (!hyphen && !apostrophe) {
      slice(start, j, h);
      continue;
    }
    const t = hyphen ? s.slice(start, j).replace(/-/g, '') : s.slice(start, j);
    if (apostrophe && next === 116 /* t */ && alone && t.endsWith('n')) {
      // can't, won't, doesn't, isn't
      if (t === 'can') word('cannot');
      else if (t === 'won') {
        word('will');
        word('not');
      } else {
        word(t.slice(0, -1));
        word('not');
      }
      i += 2;
      continue;
    }
    if (apostrophe && next === 115 /* s */ && alone) i += 2; // week's, it's
    word(t);
  }
}

/**
 * The word tokens of a text, folded: contractions and possessives resolved ("can't" → cannot,
 * "doesn't" → does not, "week's" → week), hyphenated words joined ("Wi-Fi" → wifi), placeholders
 * such as `<name>` skipped, one-letter tokens, long numbers and years dropped.
 */
export function tokenize(text: string): string[] {
  const s = foldText(text);
  const out: string[] = [];
  scan(
    s,
    (i, j) => {
      const t = s.slice(i, j);
      if (keepToken(t)) out.push(t);
    },
    (t) => {
      if (keepToken(t)) out.push(t);
    },
  );
  return out;
}

function wordSet(lists: string[]): Set<string> {
  const out = new Set<string>();
  for (const list of lists) for (const w of list.split(/\s+/)) if (w) for (const t of tokenize(w)) out.add(t);
  return out;
}

/** Function words of each language, folded, for telling the language. */
const FUNCTION_SETS: Record<Language, Set<string>> = Object.fromEntries(
  LANGUAGES.map((l) => [l, wordSet([FUNCTION_WORDS[l]])]),
) as Record<Language, Set<string>>;

/** Bit `i` set: the word is a function word of `LANGUAGES[i]`. */
const LANGUAGE_BITS = new Map<string, number>();
LANGUAGES.forEach((l, i) => {
  for (const w of FUNCTION_SETS[l]) LANGUAGE_BITS.set(w, (LANGUAGE_BITS.get(w) ?? 0) | (1 << i));
});

/** Every stop word of every language, folded. */
export const STOP_WORDS: ReadonlySet<string> = wordSet([...Object.values(FUNCTION_WORDS), ...Object.values(TICKET_WORDS)]);
const NEGATION_SET: ReadonlySet<string> = NEGATIONS;

/** The language whose function words `tokens` use most; English on a tie or when none is used. */
export function detectLanguage(tokens: readonly string[]): Language {
  const counts = [0, 0, 0, 0, 0];
  for (const t of tokens) {
    const bits = LANGUAGE_BITS.get(t);
    if (bits === undefined) continue;
    for (let i = 0; i < 5; i++) if (bits & (1 << i)) counts[i]++;
  }
  let best = 0;
  for (let i = 1; i < 5; i++) if (counts[i] > counts[best]) best = i;
  return LANGUAGES[best];
}

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

// ---- synonyms -------------------------------------------------------------------------------

/** The stems a word may have: its own folded form and what each stemmer makes of it. */
function stemVariants(word: string): string[] {
  const w = foldText(word);
  return [...new Set([w, ...LANGUAGES.map((l) => STEMMERS[l](w))])];
}

const NEGATION_MARK = '!';
/** Word or stem → concept term. */
const CONCEPT_OF = new Map<string, string>();
/** A phrase: each position a set of stems (or the negation mark), and the concept it becomes. */
interface Phrase {
  parts: Set<string>[];
  term: string;
}
const PHRASES_BY_FIRST = new Map<string, Phrase[]>();
for (const c of ITSM_CONCEPTS) {
  for (const w of c.words) for (const s of stemVariants(w)) if (!CONCEPT_OF.has(s)) CONCEPT_OF.set(s, c.term);
  for (const p of c.phrases ?? []) {
    const parts = p.split(' ').map((w) => (w === NEGATION_MARK ? new Set([NEGATION_MARK]) : new Set(stemVariants(w))));
    const phrase = { parts, term: c.term };
    for (const first of parts[0]) {
      const list = PHRASES_BY_FIRST.get(first) ?? [];
      list.push(phrase);
      PHRASES_BY_FIRST.set(first, list);
    }
  }
}

/** What analysis needs to know of a word in one language, worked out once per word. */
export interface WordInfo {
  /** The folded word. */
  word: string;
  stem: string;
  /** A stop word or a negation: never a term by itself. */
  stop: boolean;
  /** The term it becomes when it is not part of a phrase: a concept or its stem. */
  term: string;
  /** Some phrase starts with it. */
  phraseStart: boolean;
}

/** Longest gap of stop words a phrase may skip between two of its words. */
const PHRASE_GAP = 2;

/** The longest phrase starting at `codes[at]` (a word whose stem starts some phrase), and where it ends. */
function matchPhrase(codes: Int32Array, n: number, at: number): { phrase: Phrase; end: number } | undefined {
  const candidates = PHRASES_BY_FIRST.get(WORDS.info(codes[at]).stem);
  if (!candidates) return undefined;
  let best: { phrase: Phrase; end: number } | undefined;
  for (const phrase of candidates) {
    let i = at + 1;
    let ok = true;
    for (let k = 1; k < phrase.parts.length && ok; k++) {
      let skipped = 0;
      while (i < n && skipped < PHRASE_GAP) {
        const x = WORDS.info(codes[i]);
        if (phrase.parts[k].has(x.stem) || !x.stop || x.stem === NEGATION_MARK) break;
        i++;
        skipped++;
      }
      if (i < n && phrase.parts[k].has(WORDS.info(codes[i]).stem)) i++;
      else ok = false;
    }
    if (ok && (!best || i > best.end)) best = { phrase, end: i };
  }
  return best;
}

// ---- analysis -------------------------------------------------------------------------------

/** One analysed term occurrence: the term and the words it came from (for evidence). */
export interface TermOccurrence {
  term: string;
  surface: string;
}

function makeInfo(word: string, lang: Language): WordInfo {
  const neg = NEGATION_SET.has(word);
  const stem = neg ? NEGATION_MARK : /^\d+$/.test(word) ? word : STEMMERS[lang](word);
  return {
    word,
    stem,
    stop: neg || STOP_WORDS.has(word),
    term: CONCEPT_OF.get(stem) ?? CONCEPT_OF.get(word) ?? stem,
    phraseStart: PHRASES_BY_FIRST.has(stem),
  };
}

const LANG_INDEX: Record<Language, number> = { en: 0, de: 1, es: 2, fr: 3, pt: 4 };
const LANGUAGE_COUNT = 5;

/** `WordTable.flags`: the word's `WordInfo` in that language is made, is a stop word, starts a phrase. */
const KNOWN = 1;
const STOP = 2;
const PHRASE_START = 4;

/**
 * Every word seen, in an open-addressing table looked up straight from the text's characters:
 * most tokens are words seen before, and finding them without cutting a string out of the text
 * and hashing it again is most of what makes analysis fast. A word gets an id; a word in a
 * language gets a code (`id × 5 + language`), and what analysis needs of it on every occurrence
 * is kept in typed arrays by id and by code, so that an occurrence costs no object read.
 */
class WordTable {
  /**
   * Four Int32 per slot, read together: the word's hash, its id + 1 (0 when the slot is empty),
   * where its characters start in `chars`, and its length. A lookup reads one slot and the
   * characters, not a string object.
   */
  private slots = new Int32Array(4 << 16);
  private mask = (1 << 16) - 1;
  /** Every word's characters, one after the other. */
  private chars = new Uint16Array(1 << 18);
  private charsLength = 0;
  /** Word id → the folded word. */
  words: string[] = [];
  /** Word id → a token worth keeping (not one letter, not a long number or a year). */
  keep = new Uint8Array(1 << 14);
  /** Word id → function-word bits, per `LANGUAGES` index: for telling the language. */
  bits = new Uint8Array(1 << 14);
  /** Code → `KNOWN | STOP | PHRASE_START`. */
  flags = new Uint8Array(LANGUAGE_COUNT << 14);
  /** Code → the word's `WordInfo` in that language, once made. */
  private infos: (WordInfo | undefined)[] = [];
  /** Changes when the table starts afresh: codes of before then mean nothing. */
  generation = 0;

  bySlice(s: string, i: number, j: number, h: number): number {
    const len = j - i;
    const slots = this.slots;
    const chars = this.chars;
    let k = h & this.mask;
    for (;;) {
      const b = k << 2;
      const id = slots[b + 1] - 1;
      if (id < 0) break;
      if (slots[b] === h && slots[b + 3] === len) {
        const at = slots[b + 2] - i;
        let x = i;
        while (x < j && chars[at + x] === s.charCodeAt(x)) x++;
        if (x === j) return id;
      }
      k = (k + 1) & this.mask;
    }
    return this.add(s.slice(i, j), h, k);
  }

  byString(t: string): number {
    let h = 0;
    for (let x = 0; x < t.length; x++) h = hashStep(h, t.charCodeAt(x));
    return this.bySlice(t, 0, t.length, h);
  }

  /** The flags of `code`, its `WordInfo` made first if it is not yet. */
  flagsOf(code: number): number {
    const f = this.flags[code];
    return f === 0 ? this.make(code) : f;
  }

  /** The `WordInfo` of `code`. */
  info(code: number): WordInfo {
    if (this.flags[code] === 0) this.make(code);
    return this.infos[code]!;
  }

  private make(code: number): number {
    const info = makeInfo(this.words[Math.floor(code / LANGUAGE_COUNT)], LANGUAGES[code % LANGUAGE_COUNT]);
    this.infos[code] = info;
    const f = KNOWN | (info.stop ? STOP : 0) | (info.phraseStart ? PHRASE_START : 0);
    this.flags[code] = f;
    return f;
  }

  private add(word: string, h: number, slot: number): number {
    if ((this.words.length + 1) * 2 > this.slots.length >> 2) {
      this.grow();
      let k = h & this.mask;
      while (this.slots[(k << 2) + 1] !== 0) k = (k + 1) & this.mask;
      slot = k;
    }
    const id = this.words.length;
    this.words.push(word);
    this.keep = grown(this.keep, id + 1);
    this.bits = grown(this.bits, id + 1);
    this.flags = grown(this.flags, (id + 1) * LANGUAGE_COUNT);
    this.keep[id] = keepToken(word) ? 1 : 0;
    this.bits[id] = LANGUAGE_BITS.get(word) ?? 0;
    this.chars = grown(this.chars, this.charsLength + word.length);
    for (let x = 0; x < word.length; x++) this.chars[this.charsLength + x] = word.charCodeAt(x);
    const b = slot << 2;
    this.slots[b] = h;
    this.slots[b + 1] = id + 1;
    this.slots[b + 2] = this.charsLength;
    this.slots[b + 3] = word.length;
    this.charsLength += word.length;
    return id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = (this.slots.length >> 2) - 1;
    for (let b = 0; b < old.length; b += 4) {
      if (old[b + 1] === 0) continue;
      let x = old[b] & this.mask;
      while (this.slots[(x << 2) + 1] !== 0) x = (x + 1) & this.mask;
      this.slots.set(old.subarray(b, b + 4), x << 2);
    }
  }

  /**
   * Before a text: a huge vocabulary (two million words, or sixteen million characters of long
   * ones) starts afresh rather than grow without end. Never during one, so that the ids of a
   * text's words all hold until it is analysed.
   */
  startText(): void {
    if (this.words.length > 2_000_000 || this.charsLength > 1 << 24) this.reset();
  }

  private reset(): void {
    this.slots = new Int32Array(4 << 16);
    this.mask = (1 << 16) - 1;
    this.chars = new Uint16Array(1 << 18);
    this.charsLength = 0;
    this.words = [];
    this.keep = new Uint8Array(1 << 14);
    this.bits = new Uint8Array(1 << 14);
    this.flags = new Uint8Array(LANGUAGE_COUNT << 14);
    this.infos = [];
    this.generation++;
  }
}

const WORDS = new WordTable();

/**
 * The terms of one text, as `analyzeCodes` writes them: `codes[0, length)` in order, each a word's
 * code (`wordInfo(code)` tells its term and word) or, when negative, `-1 - k` for the phrase
 * `phrases[k]`. The arrays are reused from text to text.
 */
export class TermStream {
  codes = new Int32Array(256);
  length = 0;
  phrases: TermOccurrence[] = [];
  /** Codes written before this changed mean nothing now (the word table started afresh). */
  generation = 0;

  clear(): void {
    this.length = 0;
    this.phrases.length = 0;
    this.generation = WORDS.generation;
  }

  push(code: number): void {
    this.codes = grown(this.codes, this.length + 1);
    this.codes[this.length++] = code;
  }
}

/** What analysis knows of the word behind a code of `TermStream`. */
export function wordInfo(code: number): WordInfo {
  return WORDS.info(code);
}

/**
 * The content terms of a text in order: stems and concepts, stop words and negations removed.
 * `lang` picks the stemmer; without it the language is detected from the text.
 */
export function analyzeTerms(text: string, lang?: Language): TermOccurrence[] {
  const stream = new TermStream();
  analyzeCodes(text, lang, stream);
  const out: TermOccurrence[] = [];
  for (let k = 0; k < stream.length; k++) {
    const c = stream.codes[k];
    if (c < 0) out.push(stream.phrases[-1 - c]);
    else {
      const info = WORDS.info(c);
      out.push({ term: info.term, surface: info.word });
    }
  }
  return out;
}

/** The word ids of the text being analysed. */
let IDS = new Int32Array(256);
let idCount = 0;
function pushId(id: number): void {
  IDS = grown(IDS, idCount + 1);
  IDS[idCount++] = id;
}

/**
 * The analysis itself, into `out` (cleared first): each term as a word's code, or as a phrase's
 * concept term with the words it came from. The detector runs this on every field of every
 * incident, so nothing is allocated per word.
 */
export function analyzeCodes(text: string, lang: Language | undefined, out: TermStream): void {
  WORDS.startText();
  out.clear();
  const s = foldText(text);
  idCount = 0;
  scan(
    s,
    (i, j, h) => {
      const id = WORDS.bySlice(s, i, j, h);
      if (WORDS.keep[id]) pushId(id);
    },
    (t) => {
      const id = WORDS.byString(t);
      if (WORDS.keep[id]) pushId(id);
    },
  );
  const ids = IDS;
  const n = idCount;
  let language = lang;
  if (language === undefined) {
    const counts = [0, 0, 0, 0, 0];
    for (let k = 0; k < n; k++) {
      const bits = WORDS.bits[ids[k]];
      if (bits) for (let b = 0; b < 5; b++) if (bits & (1 << b)) counts[b]++;
    }
    let best = 0;
    for (let b = 1; b < 5; b++) if (counts[b] > counts[best]) best = b;
    language = LANGUAGES[best];
  }
  const li = LANG_INDEX[language];
  let phrases = false;
  for (let k = 0; k < n; k++) {
    const code = ids[k] * LANGUAGE_COUNT + li;
    ids[k] = code;
    if (WORDS.flagsOf(code) & PHRASE_START) phrases = true;
  }
  if (!phrases) {
    for (let k = 0; k < n; k++) if (!(WORDS.flags[ids[k]] & STOP)) out.push(ids[k]);
    return;
  }
  // Only a phrase's words are read as `WordInfo`; every other word by its flags.
  for (let i = 0; i < n; ) {
    const f = WORDS.flags[ids[i]];
    const m = f & PHRASE_START ? matchPhrase(ids, n, i) : undefined;
    if (m) {
      let surface = WORDS.info(ids[i]).word;
      for (let x = i + 1; x < m.end; x++) surface += ' ' + WORDS.info(ids[x]).word;
      out.phrases.push({ term: m.phrase.term, surface });
      out.push(-out.phrases.length);
      i = m.end;
      continue;
    }
    if (!(f & STOP)) out.push(ids[i]);
    i++;
  }
}

/** How far apart two terms may be to form a word pair: the next term and the one after. */
export const PAIR_WINDOW = 2;

/** The word pairs of a term sequence (terms or their ids), each as two terms in sorted order. */
export function wordPairs<T extends string | number>(terms: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < terms.length; i++) {
    for (let k = 1; k <= PAIR_WINDOW && i + k < terms.length; k++) {
      const a = terms[i];
      const b = terms[i + k];
      if (a === b) continue;
      out.push(a < b ? [a, b] : [b, a]);
    }
  }
  return out;
}
