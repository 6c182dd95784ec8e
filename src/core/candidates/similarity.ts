/**
 * Finding the pairs of documents whose cosine reaches a threshold `t`, without comparing all
 * pairs, and clustering them.
 *
 * The index is an inverted index with prefix pruning (Bayardo, Ma and Srikant, "Scaling up all
 * pairs similarity search", WWW 2007). Each unit vector is split in two: its most common features,
 * whose weights have a norm below `t`, and the rest. Only the rest is indexed. Two vectors with
 * cosine ≥ t must share an indexed feature of the earlier one, since the unindexed part alone
 * contributes less than `t`; so probing the index with every feature of each new vector finds all
 * such pairs. Probing goes from the rarest feature to the most common, and stops admitting new
 * candidates once the rest of the vector has a norm below `t`. A document first met at a feature
 * shares nothing rarer, so the product of both vectors' norms up to that feature bounds their
 * cosine (the ℓ2 bound of Anastasiu and Karypis' L2AP); a candidate below `t` is not admitted.
 * Before the exact check, a candidate whose partial dot product plus the bound on what is missing
 * (the norm of its unread part times the norm of this vector's part of the same ranks) stays below
 * `t` is dropped: on the 100,000-incident benchmark that leaves 4 % of the candidates to check.
 * Common words end up unindexed, so posting lists stay short: the work grows with the number of
 * similar pairs, not with N². The result is exact (the same pairs as all-pairs), which the
 * benchmark checks; with `maxNeighbours`, exact for every document with fewer similar earlier
 * documents than that, while a dense group's pairs and checks stay linear.
 *
 * Identical vectors (the same coded title on thousands of imported incidents) are collapsed
 * first and searched once.
 */
import type { VectorSet } from './vectors';
import { grown } from '../base/typedArrays';

/** Pairs `(a[i], b[i])` with cosine `sim[i]`, `a[i] < b[i]`, as document indices. */
export interface PairList {
  a: Int32Array;
  b: Int32Array;
  sim: Float32Array;
  length: number;
}

class PairBuffer {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  sim = new Float32Array(1024);
  length = 0;
  push(a: number, b: number, s: number): void {
    if (this.length === this.a.length) {
      this.a = grown(this.a, this.length + 1);
      this.b = grown(this.b, this.length + 1);
      this.sim = grown(this.sim, this.length + 1);
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.sim[this.length++] = s;
  }
  done(): PairList {
    return { a: this.a.subarray(0, this.length), b: this.b.subarray(0, this.length), sim: this.sim.subarray(0, this.length), length: this.length };
  }
}

/** Groups of identical vectors: `rep[d]` is the first document with the same vector as `d`. */
export function duplicateGroups(v: VectorSet): Int32Array {
  const rep = new Int32Array(v.count);
  // Vectors by a hash: the first of each chain by the hash's low 30 bits (a small integer key),
  // then the chain in order through `next`; `last` is the end of the chain that starts at a vector.
  const chains = new Map<number, number>();
  const next = new Int32Array(v.count).fill(-1);
  const last = new Int32Array(v.count);
  const hash1 = new Int32Array(v.count);
  const hash2 = new Int32Array(v.count);
  for (let d = 0; d < v.count; d++) {
    rep[d] = d;
    const s = v.offsets[d];
    const e = v.offsets[d + 1];
    if (e === s) {
      rep[d] = -1; // no text: never similar to anything
      continue;
    }
    // Order-independent hash of (feature, weight) pairs.
    let h1 = 0;
    let h2 = 0;
    for (let i = s; i < e; i++) {
      const f = v.features[i];
      const q = Math.round(v.values[i] * 1e6);
      h1 = (h1 + Math.imul(f + 1, 0x9e3779b1) + Math.imul(q, 0x85ebca6b)) | 0;
      h2 = (h2 ^ Math.imul(f * 31 + q, 0xc2b2ae35)) | 0;
    }
    hash1[d] = h1;
    hash2[d] = h2;
    const key = h1 & 0x3fffffff;
    const first = chains.get(key);
    if (first === undefined) {
      chains.set(key, d);
      last[d] = d;
      continue;
    }
    let same = -1;
    for (let o = first; o >= 0; o = next[o]) {
      if (hash1[o] === h1 && hash2[o] === h2 && sameVector(v, o, d)) {
        same = o;
        break;
      }
    }
    if (same >= 0) rep[d] = same;
    else {
      next[last[first]] = d;
      last[first] = d;
    }
  }
  return rep;
}

/** Two rows with the same features and weights: rows are in one global order, so position by position. */
function sameVector(v: VectorSet, a: number, b: number): boolean {
  const sa = v.offsets[a];
  const n = v.offsets[a + 1] - sa;
  const sb = v.offsets[b];
  if (n !== v.offsets[b + 1] - sb) return false;
  for (let i = 0; i < n; i++) {
    if (v.features[sa + i] !== v.features[sb + i] || Math.abs(v.values[sa + i] - v.values[sb + i]) > 1e-6) return false;
  }
  return true;
}

export interface SearchStats {
  /** Documents searched (distinct vectors with text). */
  searched: number;
  /** Candidates whose exact cosine was computed. */
  verified: number;
  /** Postings stored in the index. */
  postings: number;
}

export interface SearchOptions {
  stats?: SearchStats;
  /**
   * Leader mode: each document is compared with the leaders before it only, and joins the most
   * similar one at cosine ≥ t; one that finds none becomes a leader. The pairs returned are then
   * (leader, member). Near-repeats make most documents members, so the index holds a fraction of
   * the documents and the search stays near linear where all pairs would grow with the square of
   * each cluster's size.
   */
  leaders?: boolean;
  /**
   * Saturation, outside leader mode: a document found similar to this many earlier ones or more
   * is not indexed, so later documents meet it only through those neighbours. A dense group (a
   * flood of tickets with nearly the same wording) then keeps about this many of its documents in
   * the index, and each document is checked against about as many: the pairs and the exact
   * checks grow as `N × maxNeighbours` instead of `N²`. Below the cap the search is exact.
   * Default: none.
   */
  maxNeighbours?: number;
}

/** Int32 slots per document in `similarPairsSteps`' row table. */
const ROW_INFO = 6;

/**
 * Every pair of distinct vectors among `docs` (document indices, typically one per duplicate
 * group) with cosine ≥ `t`, or in leader mode each document's leader. Yields progress
 * (documents done) every 1,000 documents.
 */
export function* similarPairsSteps(v: VectorSet, docs: readonly number[], t: number, options: SearchOptions = {}): Generator<number, PairList> {
  const stats = options.stats;
  const leaders = options.leaders === true;
  const cap = leaders ? Infinity : (options.maxNeighbours ?? Infinity);
  const out = new PairBuffer();
  const nf = v.featureCount;
  // Rows come in the global order (most frequent first, `VectorSet.rank`). Each vector's prefix in
  // this order, up to a norm below t, stays out of the index.
  const feats = v.features;
  const vals = v.values;
  const rank = v.rank;
  const rowInfo = new Int32Array(docs.length * ROW_INFO);
  const rowNorm = new Float32Array(rowInfo.buffer);
  const postingsCount = new Int32Array(nf);
  for (let k = 0; k < docs.length; k++) {
    const d = docs[k];
    const s = v.offsets[d];
    const e = v.offsets[d + 1];
    let sq = 0;
    let j = s;
    for (; j < e; j++) {
      const w = vals[j];
      if (sq + w * w >= t * t) break;
      sq += w * w;
    }
    for (let i = j; i < e; i++) postingsCount[feats[i]]++;
    // What the check of a candidate reads first, together: its row, where its indexed part starts,
    // the ranks on both sides of that point, and the squared norm of the unindexed part.
    const b = k * ROW_INFO;
    rowInfo[b] = s;
    rowInfo[b + 1] = e;
    rowInfo[b + 2] = j;
    rowInfo[b + 3] = j < e ? rank[feats[j]] : nf;
    rowInfo[b + 4] = j > s ? rank[feats[j - 1]] : -1;
    rowNorm[b + 5] = sq;
  }

  // Postings in compressed rows, filled as documents are indexed.
  const postStart = new Int32Array(nf + 1);
  for (let f = 0; f < nf; f++) postStart[f + 1] = postStart[f] + postingsCount[f];
  const fill = postStart.slice(0, nf);
  const postDoc = new Int32Array(postStart[nf]);
  const postVal = new Float32Array(postStart[nf]);
  // The norm of the indexed vector up to and including the posting's feature (in the global order).
  const postPrefix = new Float32Array(postStart[nf]);
  const acc = new Float32Array(docs.length);
  const touched = new Int32Array(docs.length);
  const dense = new Float32Array(nf);
  // The squared norm of this vector's row up to and including each position, and each position's rank.
  let cum = new Float64Array(256);
  let rowRanks = new Int32Array(256);
  let verified = 0;

  for (let k = 0; k < docs.length; k++) {
    const s = rowInfo[k * ROW_INFO];
    const e = rowInfo[k * ROW_INFO + 1];
    let nt = 0;
    // Rarest features first. A document first met at feature f shares nothing rarer with this
    // one (its common part precedes f in the global order), so its cosine is at most the norm of
    // what is left of this vector: once that is below t, no new candidate can qualify and the
    // common features' long posting lists are not read at all.
    let rest = 0;
    cum = grown(cum, e - s);
    rowRanks = grown(rowRanks, e - s);
    for (let i = s; i < e; i++) {
      rest += vals[i] * vals[i];
      cum[i - s] = rest;
      rowRanks[i - s] = rank[feats[i]];
      dense[feats[i]] = vals[i];
    }
    const t2 = t * t - 1e-6;
    let i = e - 1;
    for (; i >= s && rest >= t2; i--) {
      const f = feats[i];
      const w = vals[i];
      const restNorm = Math.sqrt(rest);
      for (let p = postStart[f]; p < fill[f]; p++) {
        const x = postDoc[p];
        if (acc[x] === 0) {
          // Both vectors share nothing rarer than f: the cosine is at most the product of their
          // norms up to f. (A document left out here can never qualify later: both norms only
          // shrink.)
          if (restNorm * postPrefix[p] < t - 1e-6) continue;
          touched[nt++] = x;
        }
        acc[x] += postVal[p] * w;
      }
      rest -= w * w;
    }
    // The partial sums hold every shared feature this vector has read and the candidate has
    // indexed. What is missing lies in the candidate's row up to the rank of this vector's last
    // unread feature, or in its unindexed part: both at the start of its row, sorted by rank.
    const unreadRank = i >= s ? rank[feats[i]] : -1;
    let best = -1;
    let bestDot = 0;
    let found = 0;
    for (let c = 0; c < nt; c++) {
      const x = touched[c];
      let dot = acc[x];
      acc[x] = 0;
      // What is missing lies in the candidate's row before position `end`, at ranks up to `top`:
      // at most the norm of that part times the norm of this vector's part at the same ranks
      // (Cauchy-Schwarz; L2AP's bound). Most candidates are dropped here without reading their row.
      const b = x * ROW_INFO;
      let end = rowInfo[b + 2];
      let top = rowInfo[b + 4];
      let missing2 = rowNorm[b + 5];
      if (rowInfo[b + 3] <= unreadRank) {
        // Its indexed features this vector has not read: a few, at the start of its indexed part.
        const rowEnd = rowInfo[b + 1];
        let r = rowInfo[b + 3];
        do {
          top = r;
          missing2 += vals[end] * vals[end];
          end++;
        } while (end < rowEnd && (r = rank[feats[end]]) <= unreadRank);
      }
      let lo = 0;
      let hi = e - s;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rowRanks[mid] <= top) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) {
        if (dot + Math.sqrt(missing2 * cum[lo - 1]) < t - 1e-6) continue;
        verified++;
        for (let j = rowInfo[b]; j < end; j++) dot += vals[j] * dense[feats[j]];
      }
      if (dot < t - 1e-6) continue;
      if (leaders) {
        if (dot > bestDot || (dot === bestDot && x < best)) [best, bestDot] = [x, dot];
      } else {
        const da = docs[x];
        const db = docs[k];
        out.push(Math.min(da, db), Math.max(da, db), Math.min(1, dot));
        found++;
      }
    }
    for (let i = s; i < e; i++) dense[feats[i]] = 0;
    if (leaders && best >= 0) {
      // A member: its leader stands for it in the index.
      out.push(docs[best], docs[k], Math.min(1, bestDot));
      if ((k + 1) % 1000 === 0) yield k + 1;
      continue;
    }
    // Saturated: its earlier neighbours stand for it in the index.
    if (found >= cap) {
      if ((k + 1) % 1000 === 0) yield k + 1;
      continue;
    }
    // Index this vector's rare part, each posting with the row's norm up to it (`cum`, above).
    for (let i = rowInfo[k * ROW_INFO + 2]; i < e; i++) {
      const f = feats[i];
      postDoc[fill[f]] = k;
      postPrefix[fill[f]] = Math.sqrt(cum[i - s]);
      postVal[fill[f]++] = vals[i];
    }
    if ((k + 1) % 1000 === 0) yield k + 1;
  }
  if (stats) {
    stats.searched = docs.length;
    stats.verified = verified;
    stats.postings = leaders || cap < Infinity ? postStart.reduce((n, p, f) => (f < nf ? n + (fill[f] - p) : n), 0) : postStart[nf];
  }
  return out.done();
}

export function similarPairs(v: VectorSet, docs: readonly number[], t: number, options: SearchOptions = {}): PairList {
  const it = similarPairsSteps(v, docs, t, options);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * The reference: every pair with cosine ≥ t by comparing all pairs. Quadratic; for the benchmark
 * and tests only.
 */
export function allPairsExact(v: VectorSet, docs: readonly number[], t: number): PairList {
  const out = new PairBuffer();
  const dense = new Float32Array(v.featureCount);
  for (let x = 0; x < docs.length; x++) {
    const a = docs[x];
    for (let i = v.offsets[a]; i < v.offsets[a + 1]; i++) dense[v.features[i]] = v.values[i];
    for (let y = x + 1; y < docs.length; y++) {
      const b = docs[y];
      let dot = 0;
      for (let i = v.offsets[b]; i < v.offsets[b + 1]; i++) dot += dense[v.features[i]] * v.values[i];
      if (dot >= t - 1e-6) out.push(Math.min(a, b), Math.max(a, b), Math.min(1, dot));
    }
    for (let i = v.offsets[a]; i < v.offsets[a + 1]; i++) dense[v.features[i]] = 0;
  }
  return out.done();
}

// ---- clustering -----------------------------------------------------------------------------

export type Linkage = 'single' | 'star' | 'leader';

export interface Cluster {
  /** Document indices, the representative first. */
  members: number[];
  /** The representative: the member most similar to the others (the star's centre). */
  representative: number;
}

/**
 * Clusters of the similarity graph given by `pairs` over `count` documents, where `weight[d]`
 * counts the identical documents `d` stands for (a document standing for several is a cluster
 * even without neighbours; the caller adds the duplicates back).
 *
 * - `single`: connected components. Finds every chain of similar texts, but a chain can link two
 *   texts that share nothing (A like B, B like C).
 * - `star`: the document with the most similar neighbours becomes a centre and takes its
 *   unassigned neighbours; repeat. Every member is similar to its centre, so a cluster says one
 *   thing, and the centre is its natural representative.
 * - `leader`: `pairs` are (leader, member) from a leader-mode search (`SearchOptions.leaders`):
 *   each leader and its members. Like `star`, every member is similar to its centre, here the
 *   earliest report; the search behind it stays near linear on near-repeats.
 */
export function cluster(count: number, pairs: PairList, linkage: Linkage, weight?: ArrayLike<number>): Cluster[] {
  const w = (d: number) => (weight ? weight[d] : 1);
  if (linkage === 'leader') {
    const byLeader = new Map<number, number[]>();
    const member = new Uint8Array(count);
    for (let i = 0; i < pairs.length; i++) {
      member[pairs.b[i]] = 1;
      const list = byLeader.get(pairs.a[i]);
      if (list) list.push(pairs.b[i]);
      else byLeader.set(pairs.a[i], [pairs.b[i]]);
    }
    // A leader that stands for identical documents is a cluster even without members.
    for (let d = 0; d < count; d++) if (w(d) > 1 && !member[d] && !byLeader.has(d)) byLeader.set(d, []);
    return [...byLeader].map(([leader, members]) => ({ members: [leader, ...members.sort((a, b) => a - b)], representative: leader }));
  }
  // Adjacency in compressed rows.
  const deg = new Int32Array(count + 1);
  for (let i = 0; i < pairs.length; i++) {
    deg[pairs.a[i] + 1]++;
    deg[pairs.b[i] + 1]++;
  }
  for (let d = 0; d < count; d++) deg[d + 1] += deg[d];
  const adj = new Int32Array(deg[count]);
  const adjSim = new Float32Array(deg[count]);
  const fill = deg.slice(0, count);
  for (let i = 0; i < pairs.length; i++) {
    const a = pairs.a[i];
    const b = pairs.b[i];
    adjSim[fill[a]] = pairs.sim[i];
    adj[fill[a]++] = b;
    adjSim[fill[b]] = pairs.sim[i];
    adj[fill[b]++] = a;
  }
  // Strength of a node: the weighted similarity to its neighbours (its own duplicates count fully).
  const strength = new Float64Array(count);
  for (let d = 0; d < count; d++) {
    let s = w(d) - 1;
    for (let p = deg[d]; p < deg[d + 1]; p++) s += adjSim[p] * w(adj[p]);
    strength[d] = s;
  }
  const out: Cluster[] = [];
  if (linkage === 'single') {
    const comp = new Int32Array(count).fill(-1);
    for (let d = 0; d < count; d++) {
      if (comp[d] >= 0 || (deg[d + 1] === deg[d] && w(d) <= 1)) continue;
      const members: number[] = [];
      const stack = [d];
      comp[d] = d;
      while (stack.length) {
        const x = stack.pop()!;
        members.push(x);
        for (let p = deg[x]; p < deg[x + 1]; p++) {
          const y = adj[p];
          if (comp[y] < 0) {
            comp[y] = d;
            stack.push(y);
          }
        }
      }
      let rep = members[0];
      for (const m of members) if (strength[m] > strength[rep] || (strength[m] === strength[rep] && m < rep)) rep = m;
      out.push({ members: [rep, ...members.filter((m) => m !== rep).sort((a, b) => a - b)], representative: rep });
    }
    return out;
  }
  const byStrength = Array.from({ length: count }, (_, d) => d).filter((d) => deg[d + 1] > deg[d] || w(d) > 1);
  byStrength.sort((x, y) => strength[y] - strength[x] || x - y);
  const assigned = new Uint8Array(count);
  for (const c of byStrength) {
    if (assigned[c]) continue;
    assigned[c] = 1;
    const members = [c];
    for (let p = deg[c]; p < deg[c + 1]; p++) {
      const y = adj[p];
      if (!assigned[y]) {
        assigned[y] = 1;
        members.push(y);
      }
    }
    if (members.length === 1 && w(c) <= 1) {
      // Every neighbour was taken by a stronger centre; an incident alone is no cluster.
      assigned[c] = 0;
      continue;
    }
    out.push({ members: [c, ...members.slice(1).sort((a, b) => a - b)], representative: c });
  }
  return out;
}
