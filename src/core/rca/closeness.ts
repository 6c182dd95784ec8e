/**
 * How close two root causes are, for the quick fixes that offer the cause an entry probably means.
 *
 * The rule: word overlap of the content words. Each text is read through the text pipeline's
 * tokenizer (folded: case and accents off, "real-time" → realtime), and its stop words and
 * negations are dropped (every root cause says "there is no …" or "… is not …", so they tell
 * nothing apart). Two words are the same word when they are equal or share a start of at least four
 * letters that leaves at most three letters of the longer one ("analyse", "analysed", "analysis";
 * "fails", "failed"). The score is the Dice coefficient: twice the shared words over the words of
 * both. Two texts are close at a score of 0.5 or more (half their content words in common), or,
 * whatever their words, when they are a few typos apart: an edit distance (`editDistance`) of at
 * most a tenth of the longer text, and at least 2.
 */
import { editDistance } from '../base/words';
import { STOP_WORDS, tokenize } from '../text/analyze';
import { NEGATIONS } from '../text/negation';
import { rootCauseKey as key } from './diagnostics';

/** The least word overlap (Dice coefficient) at which two root causes read as the same. */
export const CLOSE_OVERLAP = 0.5;

function contentWords(text: string): string[] {
  return [...new Set(tokenize(text).filter((w) => !STOP_WORDS.has(w) && !NEGATIONS.has(w)))];
}

function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= 4 && Math.max(a.length, b.length) - common <= 3;
}

/** The Dice coefficient of two texts' content words, 0 … 1. */
export function wordOverlap(a: string, b: string): number {
  const wa = contentWords(a);
  const wb = contentWords(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const shared = (xs: string[], ys: string[]) => xs.filter((x) => ys.some((y) => sameWord(x, y))).length;
  return (shared(wa, wb) + shared(wb, wa)) / (wa.length + wb.length);
}

/** True when two root causes are close by the rule above. */
export function closeCauses(a: string, b: string): boolean {
  if (wordOverlap(a, b) >= CLOSE_OVERLAP) return true;
  const [ka, kb] = [key(a), key(b)];
  const limit = Math.max(2, Math.floor(Math.max(ka.length, kb.length) / 10));
  return Math.abs(ka.length - kb.length) <= limit && editDistance(ka, kb) <= limit;
}

/**
 * The index of the candidate closest to `text` among those close to it (the highest word overlap,
 * then the fewest edits, then the first), or -1 when none is close.
 */
export function closestCause(text: string, candidates: readonly string[]): number {
  let best = -1;
  let bestScore = -1;
  let bestEdits = Infinity;
  candidates.forEach((c, i) => {
    if (!closeCauses(text, c)) return;
    const score = wordOverlap(text, c);
    const edits = editDistance(key(text), key(c));
    if (score > bestScore || (score === bestScore && edits < bestEdits)) [best, bestScore, bestEdits] = [i, score, edits];
  });
  return best;
}
