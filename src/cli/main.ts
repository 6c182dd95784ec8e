import * as fs from 'node:fs';
import * as path from 'node:path';
import { forTerminal, languageOfLocale, setL10nBundle, t, type L10nBundle } from '../core/base';
import { EXIT_NOT_WRITTEN, WriteError } from '../node/safeWrite';
import type { Print } from './args';
import { runCandidates } from './candidates';
import { runClassify } from './classify';
import { runFishbone } from './fishbone';
import { runImport } from './import';
import { runKedb } from './kedb';
import { runRecurrences } from './recurrences';
import { runReport } from './report';
import { runSearch } from './search';
import { runStats } from './stats';
import { runSuggest } from './suggest';
import { runTasks } from './tasks';
import { saveParseCaches, useParseCache } from './progress';
import { usage } from './usage';
import { runValidate } from './validate';

export { usage };

/** Each command: its arguments (options, positionals, --help) are read by the command itself, through args.ts. */
const COMMANDS: Record<string, (args: string[], out: Print, err: Print) => Promise<number>> = {
  validate: runValidate,
  import: runImport,
  classify: runClassify,
  candidates: runCandidates,
  fishbone: runFishbone,
  kedb: runKedb,
  recurrences: runRecurrences,
  report: runReport,
  search: runSearch,
  stats: runStats,
  suggest: runSuggest,
  tasks: runTasks,
};

declare const KEDB_VERSION: string;

/** Where the bundles are: l10n/ beside dist/ in the package. */
const L10N_DIR = path.join(__dirname, '..', 'l10n');

/**
 * Takes `--lang X` / `--lang=X` out of the arguments and loads the bundle for it, or for the
 * locale in LC_ALL, LC_MESSAGES or LANG (in that order, as POSIX reads them). English when
 * there is no bundle for the language.
 */
export function chooseLanguage(argv: string[], env: NodeJS.ProcessEnv = process.env): { argv: string[]; lang: string } {
  const rest: string[] = [];
  let asked: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') asked = argv[++i] ?? '';
    else if (a.startsWith('--lang=')) asked = a.slice('--lang='.length);
    else rest.push(a);
  }
  const available = ['en', ...bundleLanguages()];
  const lang = languageOfLocale(asked ?? (env.LC_ALL || env.LC_MESSAGES || env.LANG), available);
  let bundle: L10nBundle | undefined;
  if (lang !== 'en') {
    try {
      bundle = JSON.parse(fs.readFileSync(path.join(L10N_DIR, `bundle.l10n.${lang}.json`), 'utf8')) as L10nBundle;
    } catch {
      bundle = undefined;
    }
  }
  setL10nBundle(bundle, lang);
  return { argv: rest, lang: bundle ? lang : 'en' };
}

function bundleLanguages(): string[] {
  try {
    return fs
      .readdirSync(L10N_DIR)
      .map((f) => /^bundle\.l10n\.([a-z-]+)\.json$/i.exec(f)?.[1])
      .filter((l): l is string => !!l);
  } catch {
    return [];
  }
}

/** Whether the output is a file format (`--format json|csv|html|svg|md|mermaid`), not text for a person. */
function machineFormat(argv: readonly string[]): boolean {
  const i = argv.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (i < 0) return false;
  const value = argv[i].startsWith('--format=') ? argv[i].slice('--format='.length) : argv[i + 1];
  return value !== undefined && value !== 'text';
}

export async function main(rawArgv: string[]): Promise<number> {
  // Human-readable output shows control characters escaped (forTerminal); the file formats keep
  // their own escaping (JSON, CSV quoting, HTML, Markdown) and go out as they are.
  const text = !machineFormat(rawArgv);
  const out = (s: string) => process.stdout.write((text ? forTerminal(s, { keepLines: true }) : s) + '\n');
  const err = (s: string) => process.stderr.write(forTerminal(s, { keepLines: true }) + '\n');
  const { argv: withCache } = chooseLanguage(rawArgv);
  // `--no-cache`, anywhere, as --lang: no parse is kept between runs or used from one.
  const argv = withCache.filter((a) => a !== '--no-cache');
  if (argv.length < withCache.length) useParseCache(false);
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    out(usage());
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    out(typeof KEDB_VERSION === 'string' ? KEDB_VERSION : 'dev');
    return 0;
  }
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    err(`${t('kedb: unknown command "{0}"', command)}\n\n${usage()}`);
    return 2;
  }
  try {
    return await run(rest, out, err);
  } catch (e) {
    // A write no command caught is still one line, without a stack trace.
    if (!(e instanceof WriteError)) throw e;
    err(`kedb ${command}: ${e.message}`);
    return EXIT_NOT_WRITTEN;
  } finally {
    saveParseCaches();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(t('kedb: internal error: {0}', String(e instanceof Error ? e.stack : e)) + '\n');
      process.exitCode = 3;
    },
  );
}
