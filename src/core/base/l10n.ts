/**
 * The interface's words in the user's language. Every user-facing string in the product goes
 * through `t`, written in English with `{0}`, `{1}`… for the values, so that the English text is
 * its own key in the `@vscode/l10n` bundles under `l10n/`:
 *
 *     t('No {0} with id {1} exists in this workspace.', kindName, id)
 *
 * The extension hands in the bundle VS Code loaded for the display language (`vscode.l10n.bundle`);
 * the CLI loads `l10n/bundle.l10n.<lang>.json` itself for `--lang` or `LANG`. Without a bundle, or
 * for a key the bundle lacks, the English text is used. `scripts/l10n.mjs` collects the keys from
 * every `t('…')` call, and a unit test fails when either language misses one, so the first argument
 * must always be a plain string literal.
 *
 * Stable things stay untranslated: diagnostic codes, YAML keys and enum values, record ids.
 */

/** A bundle as `@vscode/l10n` writes it: the English text → the translation (or `{ message }`). */
export type L10nBundle = Record<string, string | { message: string; comment?: string[] }>;

let bundle: L10nBundle | undefined;
let language = 'en';

/** Sets the translations to use from now on (`undefined`: English). */
export function setL10nBundle(next: L10nBundle | undefined, lang = next ? language : 'en'): void {
  bundle = next && Object.keys(next).length > 0 ? next : undefined;
  language = bundle ? lang : 'en';
}

/** The language of the strings `t` gives: `en`, or the bundle's language. */
export function l10nLanguage(): string {
  return language;
}

/**
 * A runner that calls a function in the language current now: for words built later, when first
 * read (a candidate's evidence), that must still be in the language it was made in.
 */
export function inCurrentLanguage(): <T>(fn: () => T) => T {
  const [b, lang] = [bundle, language];
  return (fn) => {
    const [prevBundle, prevLanguage] = [bundle, language];
    [bundle, language] = [b, lang];
    try {
      return fn();
    } finally {
      [bundle, language] = [prevBundle, prevLanguage];
    }
  };
}

/** `message` in the current language, with `{0}`, `{1}`… replaced by `args`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const entry = bundle?.[message];
  const text = entry === undefined ? message : typeof entry === 'string' ? entry : entry.message;
  return args.length === 0 ? text : format(text, args);
}

/**
 * Counted nouns in the current language: `count(n, t('{0} file', n), t('{0} files', n))`. Both
 * forms are passed so that each stays a whole key (Indonesian has one form for both).
 */
export function count(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** Replaces `{n}` by `args[n]`; a `{n}` with no such argument is left as written. */
export function format(text: string, args: ReadonlyArray<string | number | boolean>): string {
  return text.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const value = args[Number(n)];
    return value === undefined ? whole : String(value);
  });
}

/**
 * The language a locale names, if a bundle exists for it: `id_ID.UTF-8`, `id-ID` and `id` give
 * `id`; `C`, `POSIX` and `en_US` give `en`.
 */
export function languageOfLocale(locale: string | undefined, available: readonly string[]): string {
  const base = (locale ?? '').split(/[.@]/)[0].split(/[-_]/)[0].toLowerCase();
  return available.includes(base) ? base : 'en';
}
