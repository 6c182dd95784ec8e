/**
 * The content hash kept in `source.hash`: it covers the fields an import wrote, so that a later
 * import can tell whether the user changed any of them since.
 */

/**
 * A 64-bit non-cryptographic hash of a string (cyrb53's two 32-bit lanes, both kept), as 16 hex
 * digits. It only has to notice edits, not resist forgery, and needs no Node or WebCrypto API.
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** The value at a dotted path of plain objects, or undefined. */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const p of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/**
 * The hash of a record's values at `paths` (sorted, joined with dots). Absent values are left out,
 * so a field the mapping gained later does not make old records look edited.
 */
export function fieldsHash(value: unknown, paths: readonly (readonly string[])[]): string {
  const parts: string[] = [];
  for (const path of paths) {
    const v = getPath(value, path);
    if (v !== undefined) parts.push(path.join('.') + '\u0000' + JSON.stringify(v));
  }
  // The prefix keeps the text from ever reading as a number: a bare hex hash such as 11e66822…
  // is a float to YAML 1.2 readers.
  return 'h' + hash64(parts.join('\u0001'));
}
