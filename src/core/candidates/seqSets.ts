/**
 * Sets of incidents seen before, each as its sorted, distinct `seq` numbers. A fingerprint (size,
 * sum, and a hash of the members) finds the few sets to compare, so that no set is written out as
 * text: on 25,000 incidents the rules and the merging check thousands of sets, some of thousands
 * of incidents.
 */
import type { IncidentFacts } from './incidents';

/** The sorted, distinct `seq` numbers of `members`. */
export function seqsOf(members: readonly IncidentFacts[]): Int32Array {
  const a = new Int32Array(members.length);
  for (let i = 0; i < a.length; i++) a[i] = members[i].seq;
  a.sort();
  let k = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[k++] = a[i];
  return a.subarray(0, k);
}

export class SeqSets {
  /** Sets by the low 30 bits of their fingerprint (a small integer key), in the order added. */
  private readonly byPrint = new Map<number, { seqs: Int32Array; id: number }[]>();

  /** The id an equal set was added with, if any; else `seqs` is added with `id` and undefined given. */
  addOrFind(seqs: Int32Array, id = 0): number | undefined {
    let sum = 0;
    let hash = 0;
    for (let i = 0; i < seqs.length; i++) {
      sum = (sum + seqs[i]) | 0;
      hash = (hash + Math.imul(seqs[i] + 1, 2654435761)) | 0;
      hash ^= hash >>> 13;
    }
    const print = (hash ^ Math.imul(sum, 0x9e3779b1) ^ Math.imul(seqs.length, 0x85ebca6b)) & 0x3fffffff;
    const list = this.byPrint.get(print);
    if (!list) {
      this.byPrint.set(print, [{ seqs, id }]);
      return undefined;
    }
    for (const e of list) if (same(e.seqs, seqs)) return e.id;
    list.push({ seqs, id });
    return undefined;
  }
}

function same(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
