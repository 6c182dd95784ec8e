/**
 * The one folding of text for matching, used by detection, the KEDB search and the checklist: lower
 * case, accents and ligatures off, typographic apostrophes made plain.
 */

/** Non-ASCII characters → their folded form, built once from Unicode decomposition. */
const FOLD = new Map<string, string>([
  ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['ł', 'l'], ['đ', 'd'], ['ı', 'i'], ['ð', 'd'], ['þ', 'th'],
  ['’', "'"], ['‘', "'"], ['`', "'"], ['´', "'"],
]);
for (let c = 0xc0; c < 0x250; c++) {
  const ch = String.fromCharCode(c).toLowerCase();
  if (FOLD.has(ch)) continue;
  const folded = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (folded !== ch) FOLD.set(ch, folded);
}
for (let c = 0x300; c < 0x370; c++) FOLD.set(String.fromCharCode(c), ''); // combining marks

/** Lower case without accents: "Aktualisierung für Café" → "aktualisierung fur cafe". */
export function foldText(text: string): string {
  const s = text.toLowerCase();
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(s) ? s.replace(/[^\x00-\x7f]/g, (ch) => FOLD.get(ch) ?? ch) : s;
}
