/**
 * Ranking texts against a query with the candidate detector's text similarity: the same analysis
 * (`analyzeTerms`: folding, stop words, stemming, ITSM synonyms), the same word pairs, and the same
 * weights, `(1 + ln tf) × idf` with `idf = ln(1 + N / df)`, field weights summed into `tf`, pairs
 * at `PAIR_WEIGHT`, the body cut at `BODY_CHARS`, unit vectors compared by cosine.
 *
 * The detector compares incidents with each other in one batch (`vectorize`); a search compares one
 * new text with a fixed set, many times. So this keeps an inverted index of the set and weighs the
 * query with the set's idf. As with the detector's `MIN_DF`, a query feature that no indexed text
 * has is left out: it cannot make the query like anything.
 *
 * This is the one place that does so: if the detect module gains a query API, it replaces this file.
 */
import type { Language } from '../text/stemmers';
import { analyzeTerms, wordPairs } from '../text/analyze';
import { BODY_CHARS, PAIR_WEIGHT } from '../candidates/textRule';

/** A text to index or to look for: weighted fields (a title counts more than a body). */
export interface WeightedText {
  fields: { text: string | undefined; weight: number; body?: boolean }[];
  language?: Language;
}

export interface TextHit {
  /** Index of the text in the order given to `TextIndex.build`. */
  doc: number;
  /** Cosine similarity, 0 to 1. */
  score: number;
}

/** Feature key of a word pair; `\u0001` never occurs in an analysed term. */
function pairKey(a: string, b: string): string {
  return a + '\u0001' + b;
}

/** The raw weighted term frequencies of a text, before idf and normalisation. */
export function termFrequencies(t: WeightedText): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (k: string, w: number) => tf.set(k, (tf.get(k) ?? 0) + w);
  for (const f of t.fields) {
    if (!f.text || f.weight <= 0) continue;
    const text = f.body && f.text.length > BODY_CHARS ? f.text.slice(0, BODY_CHARS) : f.text;
    const terms = analyzeTerms(text, t.language).map((o) => o.term);
    for (const term of terms) add(term, f.weight);
    for (const [a, b] of wordPairs(terms)) add(pairKey(a, b), f.weight * PAIR_WEIGHT);
  }
  for (const [k, v] of tf) if (v > 1) tf.set(k, 1 + Math.log(v));
  return tf;
}

/** An inverted index of a fixed set of texts, queried by cosine similarity. */
export class TextIndex {
  private constructor(
    readonly size: number,
    private readonly features: Map<string, number>,
    private readonly idf: Float64Array,
    private readonly postStart: Int32Array,
    private readonly postDoc: Int32Array,
    private readonly postWeight: Float32Array,
  ) {}

  static build(texts: readonly WeightedText[]): TextIndex {
    const features = new Map<string, number>();
    const rows: { f: number[]; w: number[] }[] = [];
    const df: number[] = [];
    for (const t of texts) {
      const f: number[] = [];
      const w: number[] = [];
      for (const [k, v] of termFrequencies(t)) {
        let id = features.get(k);
        if (id === undefined) {
          id = df.length;
          features.set(k, id);
          df.push(0);
        }
        df[id]++;
        f.push(id);
        w.push(v);
      }
      rows.push({ f, w });
    }
    const n = texts.length;
    const idf = new Float64Array(df.length);
    for (let i = 0; i < df.length; i++) idf[i] = Math.log(1 + n / df[i]);
    const postStart = new Int32Array(df.length + 1);
    for (let i = 0; i < df.length; i++) postStart[i + 1] = postStart[i] + df[i];
    const fill = postStart.slice(0, df.length);
    const postDoc = new Int32Array(postStart[df.length]);
    const postWeight = new Float32Array(postStart[df.length]);
    rows.forEach((row, d) => {
      let norm = 0;
      for (let i = 0; i < row.f.length; i++) {
        row.w[i] *= idf[row.f[i]];
        norm += row.w[i] * row.w[i];
      }
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < row.f.length; i++) {
        const p = fill[row.f[i]]++;
        postDoc[p] = d;
        postWeight[p] = row.w[i] / norm;
      }
    });
    return new TextIndex(n, features, idf, postStart, postDoc, postWeight);
  }

  /** The indexed texts most like `query`, best first: at most `limit`, each scoring at least `threshold`. */
  query(query: WeightedText, limit: number, threshold = 0): TextHit[] {
    const q: [number, number][] = [];
    let norm = 0;
    for (const [k, v] of termFrequencies(query)) {
      const id = this.features.get(k);
      if (id === undefined) continue;
      const w = v * this.idf[id];
      q.push([id, w]);
      norm += w * w;
    }
    if (q.length === 0 || limit <= 0) return [];
    norm = Math.sqrt(norm);
    const acc = new Float64Array(this.size);
    const touched: number[] = [];
    for (const [id, w] of q) {
      const qw = w / norm;
      for (let p = this.postStart[id]; p < this.postStart[id + 1]; p++) {
        const d = this.postDoc[p];
        if (acc[d] === 0) touched.push(d);
        acc[d] += qw * this.postWeight[p];
      }
    }
    const hits: TextHit[] = [];
    for (const d of touched) {
      const score = Math.min(1, acc[d]);
      if (score >= threshold && score > 0) hits.push({ doc: d, score });
    }
    hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return hits.length > limit ? hits.slice(0, limit) : hits;
  }
}
