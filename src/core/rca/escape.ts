/**
 * Text for Mermaid labels. Mermaid reads syntax in more places than its grammars show: before any
 * diagram parses, it strips `%%{…}%%` directives and `%%` comment lines anywhere in the text, rewrites
 * `<tag …>` attributes, turns `#name;` into entities, and trims `;` from lines that look like
 * `style …:…#…;`; labels then go through DOMPurify and the renderer splits lines at `<br>`. So a label
 * is reduced to one line and every character that any of those steps reads is written as a numeric
 * entity code (`#60;` for `<`), which Mermaid turns back into the character only as SVG text.
 */

/** The longest label kept; longer text is cut with an ellipsis (Mermaid caps a whole diagram at 50,000 characters by default). */
export const MAX_LABEL_LENGTH = 400;

/**
 * Characters always written as entity codes. `#` and `%` because they start entities and
 * directives; `<>&` for markup; quotes and brackets because flowchart labels end at them; `\``
 * starts a Markdown string; `ﬂ` and `¶` because Mermaid's own entity placeholders (`ﬂ°°60¶ß`) are
 * made of them and are decoded in the finished SVG.
 */
const ALWAYS = new Set(['#', '%', '<', '>', '&', '"', "'", '`', '[', ']', '{', '}', '(', ')', '|', '\\', '\uFB02', '\u00B6']);

/**
 * Words that start a statement in some Mermaid grammar (`click` and `style` above all). A label that
 * begins with one gets its first letter encoded, so no grammar can ever read it as that keyword.
 */
const KEYWORDS = /^(?:click|style|classdef|class|linkstyle|call|href|callback|ishikawa|ishikawa-beta|flowchart|graph|subgraph|end|accTitle|accDescr|title|direction|init|initialize|wrap)(?!\w)/i;

/**
 * The text as it will read in the diagram: one line, whitespace runs collapsed, control and
 * line-separator characters turned into spaces, lone surrogates replaced, cut to `max` characters.
 * An empty result becomes an ellipsis: an empty line would change the diagram's structure.
 */
export function normalizeLabel(text: string, max = MAX_LABEL_LENGTH): string {
  let s = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    // Mermaid decodes its entity placeholders (`ﬂ°°60¶ß`) in the finished SVG, where our decoded
    // text already is: the ligature becomes its letters, and a zero-width space keeps `¶ß` apart.
    .replace(/\uFB02/g, 'fl')
    .replace(/\u00B6(?=\u00DF)/g, '\u00B6\u200B')
    .trim();
  if (s.length > max) {
    // Cut at a code point boundary, never inside a surrogate pair.
    let cut = max - 1;
    if (/[\uD800-\uDBFF]/.test(s[cut - 1] ?? '')) cut--;
    s = s.slice(0, cut).trimEnd() + '…';
  }
  return s === '' ? '…' : s;
}

function code(ch: string): string {
  return `#${ch.codePointAt(0)};`;
}

/**
 * A label safe to place anywhere Mermaid reads label text: an ishikawa line, or a quoted flowchart
 * node label `["…"]`. Mermaid shows exactly `normalizeLabel(text)`. When several labels share one
 * Mermaid line (the rows of a wrapped label), pass that line's whole text as `line`.
 */
export function mermaidLabel(text: string, max = MAX_LABEL_LENGTH, line = text): string {
  const s = normalizeLabel(text, max);
  // `style …:…#…;` lines lose their last `;` in Mermaid's pre-processing: take away the colon.
  // `line` is the whole Mermaid line the label ends up on, when it is more than the label.
  const colon = /style|classdef/i.test(s) || /style|classdef/i.test(line);
  let out = '';
  for (const ch of s) out += ALWAYS.has(ch) || (colon && ch === ':') ? code(ch) : ch;
  // The flowchart lexer reads `…direction LR…` anywhere on a line, inside quotes too.
  out = out.replace(/d(?=irection\s)/gi, code);
  // Last, on the encoded text: an entity code right after a word makes a new word boundary.
  if (KEYWORDS.test(out)) out = code(out[0]) + out.slice(1);
  return out;
}

/** Decodes the entity codes `mermaidLabel` writes: what Mermaid shows for a label (tests use it). */
export function decodeMermaidLabel(label: string): string {
  return label.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}
