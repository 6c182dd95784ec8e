/**
 * TF-IDF vectors of incident texts, stored compactly (one flat array of feature ids and one of
 * weights) so that 100,000 incidents fit in memory with room to spare.
 *
 * A feature is a term (a stem or a concept, see `text.ts`) or a word pair of the title or the
 * description (in a long body nearly every pair is unique). Its weight in a document is
 * `(1 + ln tf) × idf`, where `tf` sums the field weights of its occurrences (a word in the title
 * counts `title` times, one in the body `body` times), pairs are scaled by `pairWeight`, and
 * `idf = ln(1 + N / df)`, times `singletonWeight` for a feature no other document has. Vectors
 * have unit length, so their dot product is the cosine.
 */
import type { Language } from '../text/stemmers';
import { analyzeCodes, PAIR_WINDOW, TermStream, wordInfo } from '../text/analyze';
import { grown } from '../base/typedArrays';

export interface TextFields {
  title?: string;
  description?: string;
  body?: string;
  /** The language, when the record says it; else detected from the text. */
  language?: Language;
}

export interface FieldWeights {
  title: number;
  description: number;
  body: number;
}

export interface VectorOptions {
  weights: FieldWeights;
  /** Weight of a word pair relative to a single term. */
  pairWeight: number;
  /** Characters of the body taken into account (the start of a ticket says what it is about). */
  bodyChars: number;
  /**
   * Weight factor of a feature no other document has. Such a word cannot make two incidents
   * alike, but at full weight it dilutes every cosine of a long text; dropped entirely (0), a short
   * text left with one common word would match everything that has it.
   */
  singletonWeight: number;
}

/**
 * Sparse unit vectors in compressed rows: document `d` owns `[offsets[d], offsets[d+1])`, its
 * features in the order of `rank` (the most common first), as the similarity search reads them.
 */
export interface VectorSet {
  count: number;
  offsets: Int32Array;
  features: Int32Array;
  values: Float32Array;
  /** Document frequency of each feature. */
  df: Int32Array;
  /** Each feature's place in the global order: by document frequency, the highest first, then by id. */
  rank: Int32Array;
  /** Feature id → the term it stands for, for single terms; undefined for pairs. */
  termOf: (string | undefined)[];
  /** Feature id → the words seen for it (up to four), for evidence. */
  surfaces: (readonly string[])[];
  /** Number of features. */
  featureCount: number;
}

class Growable {
  ints: Int32Array;
  floats: Float32Array;
  length = 0;
  constructor(capacity: number) {
    this.ints = new Int32Array(capacity);
    this.floats = new Float32Array(capacity);
  }
  push(i: number, f: number): void {
    if (this.length === this.ints.length) {
      const ints = new Int32Array(this.ints.length * 2);
      ints.set(this.ints);
      this.ints = ints;
      const floats = new Float32Array(this.floats.length * 2);
      floats.set(this.floats);
      this.floats = floats;
    }
    this.ints[this.length] = i;
    this.floats[this.length++] = f;
  }
}

/**
 * A hash map from a pair of non-negative ints to an int, in flat typed arrays: word pairs are
 * the most numerous features, and a `Map` with one entry per pair costs several times as much.
 */
class PairMap {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private vals: Int32Array;
  private mask: number;
  private size = 0;
  constructor(capacity = 1 << 16) {
    this.keysA = new Int32Array(capacity).fill(-1);
    this.keysB = new Int32Array(capacity);
    this.vals = new Int32Array(capacity);
    this.mask = capacity - 1;
  }
  private slotOf(a: number, b: number): number {
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) >>> 0;
    h ^= h >>> 15;
    let i = h & this.mask;
    while (this.keysA[i] !== -1 && (this.keysA[i] !== a || this.keysB[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }
  /** The value of (a, b), or `make()`'s, stored. */
  getOrAdd(a: number, b: number, make: () => number): number {
    let i = this.slotOf(a, b);
    if (this.keysA[i] !== -1) return this.vals[i];
    if ((this.size + 1) * 2 > this.keysA.length) {
      this.grow();
      i = this.slotOf(a, b);
    }
    const v = make();
    this.keysA[i] = a;
    this.keysB[i] = b;
    this.vals[i] = v;
    this.size++;
    return v;
  }
  private grow(): void {
    const [ka, kb, vs] = [this.keysA, this.keysB, this.vals];
    this.keysA = new Int32Array(ka.length * 2).fill(-1);
    this.keysB = new Int32Array(ka.length * 2);
    this.vals = new Int32Array(ka.length * 2);
    this.mask = ka.length * 2 - 1;
    for (let j = 0; j < ka.length; j++) {
      if (ka[j] === -1) continue;
      const i = this.slotOf(ka[j], kb[j]);
      this.keysA[i] = ka[j];
      this.keysB[i] = kb[j];
      this.vals[i] = vs[j];
    }
  }
}

const NO_SURFACES: readonly string[] = [];

/** Positions of a row packed with its features' ranks in one number below 2^53. */
const ROW_LIMIT = 2 ** 21;

/**
 * Builds the vectors of `docs`, yielding the number of documents done every 1,000, so that a
 * long run can report progress and let other work in between. A document `d` with
 * `withoutTitle[d]` set is read without its title.
 */
export function* vectorizeSteps(docs: readonly TextFields[], options: VectorOptions, withoutTitle?: Uint8Array): Generator<number, VectorSet> {
  const termIds = new Map<string, number>();
  const pairIds = new PairMap();
  const termOf: (string | undefined)[] = [];
  const surfaces: (readonly string[])[] = [];
  let df = new Int32Array(1024);
  let stamp = new Int32Array(1024);
  let slot = new Int32Array(1024);
  const rows = new Growable(Math.max(1024, docs.length * 32));
  const offsets = new Int32Array(docs.length + 1);
  // The same field text (a coded title, a template) is analysed once: by language, the text → where
  // its ids start in `kept` (the count first, then the ids), so that a kept text costs no object.
  const analysed = new Map<string, Map<string, number>>();
  let analysedCount = 0;
  let kept = new Int32Array(1024);
  let keptLength = 0;
  const stream = new TermStream();
  // Word code (see `TermStream`) → its feature id, + 1 (0: not met yet in this run).
  let featureOfCode = new Int32Array(1024);
  let generation = -1;
  // A long text's ids are written here (it is not kept). `termIdsOf` gives the array; `idsStart`
  // and `idsLength` say where the text's ids are in it.
  let scratch = new Int32Array(1024);
  let idsStart = 0;
  let idsLength = 0;

  const ensure = (n: number) => {
    df = grown(df, n);
    stamp = grown(stamp, n);
    slot = grown(slot, n);
  };
  const newPair = (): number => {
    const id = termOf.length;
    termOf.push(undefined);
    surfaces.push(NO_SURFACES);
    ensure(id + 1);
    return id;
  };
  const idOfTerm = (term: string, surface: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = termOf.length;
      termOf.push(term);
      surfaces.push([surface]);
      ensure(id + 1);
      termIds.set(term, id);
    } else if (term.charCodeAt(0) === 126 /* ~ */) {
      const seen = surfaces[id] as string[];
      if (seen.length < 4 && !seen.includes(surface)) seen.push(surface);
    }
    return id;
  };
  const termIdsOf = (text: string, language: Language | undefined): Int32Array => {
    // Short texts (titles, coded fields) repeat; long ones almost never do and cost to hash.
    let ofLanguage: Map<string, number> | undefined;
    if (text.length <= 200) {
      ofLanguage = analysed.get(language ?? '');
      if (!ofLanguage) analysed.set(language ?? '', (ofLanguage = new Map()));
      const at = ofLanguage.get(text);
      if (at !== undefined) {
        idsStart = at + 1;
        idsLength = kept[at];
        return kept;
      }
    }
    analyzeCodes(text, language, stream);
    if (stream.generation !== generation) {
      // The analyser's words were numbered afresh.
      featureOfCode.fill(0);
      generation = stream.generation;
    }
    const n = stream.length;
    const keep = ofLanguage !== undefined && analysedCount < 500_000;
    let ids: Int32Array;
    let at = 0;
    if (keep) {
      kept = grown(kept, keptLength + n + 1);
      ids = kept;
      kept[keptLength] = n;
      at = keptLength + 1;
      keptLength += n + 1;
      ofLanguage!.set(text, at - 1);
      analysedCount++;
    } else {
      scratch = grown(scratch, n);
      ids = scratch;
    }
    for (let i = 0; i < n; i++) {
      const code = stream.codes[i];
      if (code < 0) {
        const phrase = stream.phrases[-1 - code];
        ids[at + i] = idOfTerm(phrase.term, phrase.surface);
        continue;
      }
      featureOfCode = grown(featureOfCode, code + 1);
      let f = featureOfCode[code] - 1;
      if (f < 0) {
        // A code always stands for the same word: its surface is noted the first time only.
        const info = wordInfo(code);
        f = idOfTerm(info.term, info.word);
        featureOfCode[code] = f + 1;
      }
      ids[at + i] = f;
    }
    idsStart = at;
    idsLength = n;
    return ids;
  };

  for (let d = 0; d < docs.length; d++) {
    const mark = d + 1;
    const start = rows.length;
    const doc = docs[d];
    for (let field = 0; field < 3; field++) {
      let text = field === 0 ? (withoutTitle?.[d] ? undefined : doc.title) : field === 1 ? doc.description : doc.body;
      const weight = field === 0 ? options.weights.title : field === 1 ? options.weights.description : options.weights.body;
      if (!text || weight <= 0) continue;
      if (field === 2 && text.length > options.bodyChars) text = text.slice(0, options.bodyChars);
      const ids = termIdsOf(text, doc.language);
      // Word pairs from the title and description only: in a long body they are nearly all unique.
      const pairW = field === 2 ? 0 : weight * options.pairWeight;
      const from = idsStart;
      const count = idsLength;
      for (let i = 0; i < count; i++) {
        const a = ids[from + i];
        if (stamp[a] === mark) rows.floats[slot[a]] += weight;
        else {
          stamp[a] = mark;
          slot[a] = rows.length;
          rows.push(a, weight);
        }
        if (pairW <= 0) continue;
        for (let k = 1; k <= PAIR_WINDOW && i + k < count; k++) {
          const b = ids[from + i + k];
          if (a === b) continue;
          const f = a < b ? pairIds.getOrAdd(a, b, newPair) : pairIds.getOrAdd(b, a, newPair);
          if (stamp[f] === mark) rows.floats[slot[f]] += pairW;
          else {
            stamp[f] = mark;
            slot[f] = rows.length;
            rows.push(f, pairW);
          }
        }
      }
    }
    for (let i = start; i < rows.length; i++) {
      df[rows.ints[i]]++;
      // Sublinear term frequency; field weights below one stay as they are.
      const tf = rows.floats[i];
      rows.floats[i] = tf > 1 ? 1 + Math.log(tf) : tf;
    }
    offsets[d + 1] = rows.length;
    if ((d + 1) % 1000 === 0) yield d + 1;
  }

  // IDF and unit length.
  const n = docs.length;
  const idf = new Float32Array(termOf.length);
  for (let f = 0; f < termOf.length; f++) idf[f] = Math.log(1 + n / Math.max(1, df[f])) * (df[f] <= 1 ? options.singletonWeight : 1);
  // Weights, without the dropped features (rows are compacted in place), then unit length.
  const src = rows.ints;
  const val = rows.floats;
  let w = 0;
  for (let d = 0; d < n; d++) {
    const start = w;
    let norm = 0;
    for (let i = offsets[d]; i < offsets[d + 1]; i++) {
      const x = val[i] * idf[src[i]];
      if (x === 0) continue;
      src[w] = src[i];
      val[w++] = x;
      norm += x * x;
    }
    offsets[d] = start;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = start; i < w; i++) val[i] /= norm;
  }
  offsets[n] = w;
  // Each row in the global order, through one native numeric sort of (rank, position) packed in a
  // number; the rows are read in place from here on, and nothing is copied.
  const nf = termOf.length;
  const byRank = new Int32Array(nf);
  for (let f = 0; f < nf; f++) byRank[f] = f;
  byRank.sort((a, b) => df[b] - df[a] || a - b);
  const rank = new Int32Array(nf);
  for (let r = 0; r < nf; r++) rank[byRank[r]] = r;
  let packed = new Float64Array(256);
  let rowF = new Int32Array(256);
  let rowV = new Float32Array(256);
  for (let d = 0; d < n; d++) {
    const s = offsets[d];
    const len = offsets[d + 1] - s;
    packed = grown(packed, len);
    rowF = grown(rowF, len);
    rowV = grown(rowV, len);
    const long = len >= ROW_LIMIT;
    for (let i = 0; i < len; i++) {
      packed[i] = long ? i : rank[src[s + i]] * ROW_LIMIT + i;
      rowF[i] = src[s + i];
      rowV[i] = val[s + i];
    }
    // A row too long to pack its positions (a hostile text) is sorted by a comparison instead.
    const sorted = long ? packed.subarray(0, len).sort((a, b) => rank[rowF[a]] - rank[rowF[b]]) : packed.subarray(0, len).sort();
    for (let i = 0; i < len; i++) {
      const from = long ? sorted[i] : sorted[i] % ROW_LIMIT;
      src[s + i] = rowF[from];
      val[s + i] = rowV[from];
    }
  }
  return { count: n, offsets, features: src.subarray(0, w), values: val.subarray(0, w), df: df.subarray(0, nf), rank, termOf, surfaces, featureCount: nf };
}

export function vectorize(docs: readonly TextFields[], options: VectorOptions): VectorSet {
  const it = vectorizeSteps(docs, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * The cosine of two documents' vectors, exact: both rows are in the global order (`rank`), so
 * one walk along both finds their shared features. The reference the tests compare against.
 */
export function cosine(v: VectorSet, a: number, b: number): number {
  let i = v.offsets[a];
  const ie = v.offsets[a + 1];
  let j = v.offsets[b];
  const je = v.offsets[b + 1];
  let dot = 0;
  while (i < ie && j < je) {
    const ri = v.rank[v.features[i]];
    const rj = v.rank[v.features[j]];
    if (ri === rj) dot += v.values[i++] * v.values[j++];
    else if (ri < rj) i++;
    else j++;
  }
  return dot;
}
