/** Later edits wait this long for typing to pause; the first drawing goes at once. */
export const DEBOUNCE_MS = 300;
