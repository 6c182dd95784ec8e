/**
 * Pure helpers around CSV text: which separator a header uses, and how to explain the errors of
 * the CSV parser to a person. The parsing itself is csv-parse's (see `src/node/csvSource.ts`).
 */
import { t } from '../base/l10n';

/** Separators told apart by `sniffDelimiter`. A pipe is only ever suggested, never guessed. */
export const DETECTED_DELIMITERS = [',', ';', '\t'] as const;

/** "a comma", "a semicolon"…, in the current language; other characters as JSON. */
export function delimiterName(d: string): string {
  switch (d) {
    case ',':
      return t('a comma');
    case ';':
      return t('a semicolon');
    case '\t':
      return t('a tab');
    case '|':
      return t('a pipe');
    default:
      return JSON.stringify(d);
  }
}

/**
 * Counts each candidate separator outside quotes on the first line of `text` (the header) and
 * returns the most frequent, or `,` when none occurs.
 */
export function sniffDelimiter(text: string, candidates: readonly string[] = DETECTED_DELIMITERS): string {
  const counts = new Map<string, number>(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [c, n] of counts) {
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/**
 * When a row has too few fields, the separator it was written with, if another one would split it
 * better: "a semicolon" for `1;2;3` read with commas.
 */
export function otherDelimiterIn(fields: readonly string[], expected: number, used: string): string | undefined {
  const joined = fields.join(used);
  for (const c of [...DETECTED_DELIMITERS, '|']) {
    if (c === used) continue;
    let n = 0;
    for (let i = 0; i < joined.length; i++) if (joined[i] === c) n++;
    if (n + 1 >= expected && n > 0) return c;
  }
  return undefined;
}

/**
 * A person's explanation of a csv-parse error, from its code and message. `delimiter` is the
 * separator in use, to recognise a row written with another one.
 */
export function describeCsvError(code: string | undefined, message: string, delimiter = ','): { reason: string; toEnd: boolean } {
  const clean = message.replace(/\s*at line \d+/g, '');
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        reason: t('a quoted field opens here and is never closed (a quote inside a quoted field must be doubled: "")'),
        toEnd: true,
      };
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const got = /got "(.*?)"/.exec(message)?.[1];
      return {
        reason: t(
          'broken quoting: a quote inside a quoted field is followed by {0} instead of {1}; write a quote inside a quoted field as ""',
          got ? JSON.stringify(got) : t('text'),
          delimiterName(delimiter),
        ),
        toEnd: false,
      };
    }
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE': {
      const value = /value is "(.*)"/.exec(message)?.[1] ?? '';
      const other = [...DETECTED_DELIMITERS, '|'].find((c) => c !== delimiter && value.includes(c));
      return {
        reason: other
          ? t('this row seems to be separated by {0} ({1}) instead of {2}, so its quotes fall in the middle of a field', delimiterName(other), other, delimiterName(delimiter))
          : t('broken quoting: a quote in the middle of an unquoted field (after {0}); quote the whole field and double the quotes inside it', JSON.stringify(value)),
        toEnd: false,
      };
    }
    case 'CSV_MAX_RECORD_SIZE':
      return { reason: t('the record is too large (over 1,000,000 characters); an unclosed quote often causes this'), toEnd: false };
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { reason: t('broken quoting: text after a closing quote ({0})', clean), toEnd: false };
    default:
      return { reason: t('the CSV could not be read here ({0})', clean), toEnd: false };
  }
}
