/** Growing typed arrays used as scratch and as growing tables in the detector and the analyser. */

type Growing = Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;

/**
 * `a` when it holds `size` elements already; else a copy of it in an array of the same kind, of
 * twice its length (or more, up to `size`), the rest zero.
 */
export function grown<T extends Growing>(a: T, size: number): T {
  if (size <= a.length) return a;
  let n = Math.max(1, a.length);
  while (n < size) n *= 2;
  const b = new (a.constructor as new (length: number) => T)(n);
  b.set(a);
  return b;
}
