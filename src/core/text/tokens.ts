/**
 * Word matching for the suggesters: a ticket's text as folded word tokens that remember where they
 * came from, and phrases matched on those tokens, so that the evidence shown is the ticket's own
 * spelling ("Offline", "tidak bisa diakses").
 *
 * - Folding: lower case, accents off (é → e, ß → ss).
 * - Contractions: "can't" → cannot, "doesn't" → does not, "won't" → will not; a possessive 's is dropped.
 * - Hyphenated words are joined as detection joins them ("Wi-Fi" → wifi, "e-mail" → email), so the
 *   phrase "email" matches "e-mail"; a phrase written with a hyphen also matches its words apart
 *   ("walk-in" matches "walk in").
 * - `*` at either end of a phrase word matches any letters there: `blokir*`, `*blokir`, `*blokir*`.
 * - Negation: a match right after "not", "no", "without", "tidak", "bukan", … (two words back, in
 *   the same sentence) is marked negated, unless the phrase itself starts with the negation
 *   ("not urgent", "tidak bisa"). Severity and kind rules drop negated matches ("is not offline"
 *   is no evidence of an outage); topic rules keep them ("cannot log in" is still about logins).
 */

export interface Token {
  /** The folded word. */
  t: string;
  start: number;
  end: number;
  /** A sentence or line break lies between this token and the one before. */
  brk: boolean;
}

import { foldText as fold } from './fold';
import { NEGATIONS } from './negation';

export { fold };

/** Letters and digits, with hyphens inside a word joined (as in `text/analyze.ts`). */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const APOSTROPHE = /^['’`´]$/;
const BREAK = /[.!?;\n]/;

/** The words of a text, folded, with their offsets in the text. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    const gap = text.slice(prevEnd, start);
    prevEnd = end;
    const t = fold(m[0].includes('-') ? m[0].replace(/-/g, '') : m[0]);
    const last = out[out.length - 1];
    if (last && APOSTROPHE.test(gap)) {
      if (t === 't' && last.t.endsWith('n')) {
        // can't → cannot; won't → will not; doesn't → does not
        if (last.t === 'can') {
          last.t = 'cannot';
          last.end = end;
          continue;
        }
        last.t = last.t === 'won' ? 'will' : last.t.slice(0, -1);
        out.push({ t: 'not', start, end, brk: false });
        continue;
      }
      if (t === 's') continue; // possessive
    }
    out.push({ t, start, end, brk: out.length > 0 && BREAK.test(gap) });
  }
  return out;
}

/** One word of a phrase: exact, or with `*` at its start and/or end. */
interface WordPattern {
  s: string;
  prefix: boolean;
  suffix: boolean;
}

export interface Phrase {
  words: WordPattern[];
  /** The phrase starts with a negation word: negation before it is part of it. */
  negated: boolean;
}

function matchesWord(p: WordPattern, t: string): boolean {
  if (p.prefix && p.suffix) return t.includes(p.s);
  if (p.prefix) return t.endsWith(p.s);
  if (p.suffix) return t.startsWith(p.s);
  return t === p.s;
}

/** Compiles a phrase as written in a rule; undefined when it holds no word. */
export function compilePhrase(text: string): Phrase | undefined {
  const words: WordPattern[] = [];
  // Split as text is split (spaces, punctuation; hyphenated words joined), keeping `*` and apostrophes for now.
  for (const m of text.matchAll(/[\p{L}\p{N}*'’]+(?:-[\p{L}\p{N}*'’]+)*/gu)) {
    const raw = m[0];
    const toks = tokenize(raw.replace(/\*/g, ''));
    if (toks.length === 0) continue;
    const first = words.length;
    // Contractions fold as in text: the phrase "can't work" is "cannot work".
    for (const tok of toks) words.push({ s: tok.t, prefix: false, suffix: false });
    if (raw.startsWith('*')) words[first].prefix = true;
    if (raw.endsWith('*')) words[words.length - 1].suffix = true;
  }
  if (words.length === 0) return undefined;
  return { words, negated: NEGATIONS.has(words[0].s) };
}

/** A phrase found in a text. */
export interface PhraseHit<T> {
  ref: T;
  start: number;
  end: number;
  /** Number of words matched: the longer of two overlapping hits is the more specific. */
  length: number;
  /** A negation word comes just before it ("not offline"); the phrase itself does not start with one. */
  negated: boolean;
}

/**
 * Many phrases matched in one pass over a text. Each phrase carries a reference (the rule it
 * belongs to); one phrase may belong to several rules.
 */
export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, { phrase: Phrase; refs: T[] }[]>();
  /** Phrases whose first word is `abc*` (by its first three letters) or `*abc` (by its last three). */
  private readonly byStart = new Map<string, { phrase: Phrase; refs: T[] }[]>();
  private readonly byEnd = new Map<string, { phrase: Phrase; refs: T[] }[]>();
  /** First words too short to index, or `*abc*`: tried on every token. */
  private readonly wildFirst: { phrase: Phrase; refs: T[] }[] = [];
  private readonly seen = new Map<string, { phrase: Phrase; refs: T[] }>();

  add(text: string, ref: T): void {
    // "walk-in" is one word in text that writes it so, two in text that writes "walk in".
    if (/[\p{L}\p{N}]-[\p{L}\p{N}]/u.test(text)) this.addOne(text.replace(/(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, ' '), ref);
    this.addOne(text, ref);
  }

  private addOne(text: string, ref: T): void {
    const phrase = compilePhrase(text);
    if (!phrase) return;
    const key = phrase.words.map((w) => `${w.prefix ? '*' : ''}${w.s}${w.suffix ? '*' : ''}`).join(' ');
    const existing = this.seen.get(key);
    if (existing) {
      if (!existing.refs.includes(ref)) existing.refs.push(ref);
      return;
    }
    const entry = { phrase, refs: [ref] };
    this.seen.set(key, entry);
    const first = phrase.words[0];
    const into = (map: Map<string, { phrase: Phrase; refs: T[] }[]>, key: string) => {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    };
    if (!first.prefix && !first.suffix) into(this.byFirst, first.s);
    else if (first.s.length < 3 || (first.prefix && first.suffix)) this.wildFirst.push(entry);
    else if (first.suffix) into(this.byStart, first.s.slice(0, 3));
    else into(this.byEnd, first.s.slice(-3));
  }

  /** Every phrase occurrence in the tokens; whether negation matters is the caller's choice. */
  match(tokens: readonly Token[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i].t;
      const direct = this.byFirst.get(t);
      if (direct) for (const e of direct) tryAt(e.phrase, e.refs, tokens, i, hits);
      for (const e of this.wildFirst) if (matchesWord(e.phrase.words[0], t)) tryAt(e.phrase, e.refs, tokens, i, hits);
      if (t.length < 3) continue;
      const starts = this.byStart.size ? this.byStart.get(t.slice(0, 3)) : undefined;
      if (starts) for (const e of starts) if (matchesWord(e.phrase.words[0], t)) tryAt(e.phrase, e.refs, tokens, i, hits);
      const ends = this.byEnd.size ? this.byEnd.get(t.slice(-3)) : undefined;
      if (ends) for (const e of ends) if (matchesWord(e.phrase.words[0], t)) tryAt(e.phrase, e.refs, tokens, i, hits);
    }
    return hits;
  }
}

/** Matches a phrase whose first word matched token `i`, in one sentence, and records a hit per reference. */
function tryAt<T>(phrase: Phrase, refs: readonly T[], tokens: readonly Token[], i: number, hits: PhraseHit<T>[]): void {
  const n = phrase.words.length;
  if (i + n > tokens.length) return;
  for (let k = 1; k < n; k++) if (tokens[i + k].brk || !matchesWord(phrase.words[k], tokens[i + k].t)) return;
  const negated = !phrase.negated && negatedAt(tokens, i);
  for (const ref of refs) hits.push({ ref, start: tokens[i].start, end: tokens[i + n - 1].end, length: n, negated });
}

/** A negation word one or two words before token `i`, in the same sentence. */
function negatedAt(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    if (tokens[k + 1].brk) return false;
    if (NEGATIONS.has(tokens[k].t)) return true;
  }
  return false;
}
