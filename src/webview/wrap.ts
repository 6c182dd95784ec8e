// Word wrapping for fishbone labels, without the DOM (unit-tested in Node).

/** Mermaid's own wrap width for cause labels, kept wherever there is room for it. */
const MIN_CHARS = 15;

/** Greedy word wrap at `width` characters, as Mermaid wraps (a longer word gets a line of its own). */
function wrap(words: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ' ' + word;
    else lines.push(word);
  }
  return lines;
}

/** The narrowest wrap, no narrower than Mermaid's, that fits the words in `max` lines. */
export function wrapWithin(words: readonly string[], max: number): string[] {
  const total = words.join(' ').length;
  let width = Math.max(MIN_CHARS, Math.ceil(total / Math.max(1, max)));
  let lines = wrap(words, width);
  while (lines.length > max && width < total) lines = wrap(words, ++width);
  return lines;
}
