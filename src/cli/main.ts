import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { languageOfLocale, setL10nBundle, type L10nBundle } from '../core/l10n';
import { runCandidates } from './candidates';
import { runClassify } from './classify';
import { runFishbone } from './fishbone';
import { runImport } from './import';
import { runKedb } from './kedb';
import { runReport } from './report';
import { runSearch } from './search';
import { runSuggest } from './suggest';
import { runValidate } from './validate';

const USAGE = `Usage: kedb <command> [options]

Commands:
  validate [DIR]            Check every record under DIR (default: .)
      --format text|json    Output format (default: text)
  import FILE.csv           Import helpdesk tickets as incident records (see kedb import --help)
      --preset NAME         seed, tobi-bueck, servicenow-uci or bpic2014 (default: detected)
      --mapping MAP.yaml    Column mapping file; --out DIR (default: ./incidents)
      --limit N, --dry-run  Import at most N incidents; write nothing
  classify [DIR]            Check priorities against the Impact × Urgency matrix
      --check | --write     List disagreements (exit 1 if any) | set them, keeping comments
      --format text|json    Output format; --matrix NAME overrides the config's matrix
  candidates [DIR]          Find problem candidates: repeated categories, CIs/services, similar texts
      --rule category|ci|text|all   Which rules (default: those kedb.config.yaml enables)
      --format text|json|md Ranked candidates with evidence | JSON | the seed's two tables
  fishbone ID [DIR]         Draw a problem's root cause analysis (fishbone and 5 Whys)
      --format mermaid|html|svg   Mermaid text (default), an offline page, or SVG (needs Chromium)
      --out FILE            Write to FILE instead of standard output
  kedb [DIR]                Print the Known Error Database, one row per known error
      --format md|csv|html|json   Output format (default md); --out FILE to write a file
  report [DIR]              Write the problem-management report (Markdown and offline HTML)
      --out OUTDIR          Where to write it (default: DIR/reports)
  search "QUERY" [DIR]      Rank the known errors against QUERY (title, symptoms, root causes)
      --limit N, --format text|json
  suggest [DIR]             Suggest the empty checklist fields of each incident, with evidence
      --format text|json    Output format; --write sets them, keeping comments

Options:
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no error, 1 errors found, 2 bad usage.`;

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

export async function main(rawArgv: string[]): Promise<number> {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  const { argv } = chooseLanguage(rawArgv);
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    out(typeof KEDB_VERSION === 'string' ? KEDB_VERSION : 'dev');
    return 0;
  }
  try {
    switch (command) {
      case 'validate': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
        });
        if (values.help) {
          out(USAGE);
          return 0;
        }
        if (values.format !== 'text' && values.format !== 'json') {
          err(`kedb validate: --format must be text or json, not "${values.format}"`);
          return 2;
        }
        if (positionals.length > 1) {
          err('kedb validate: give at most one folder');
          return 2;
        }
        return await runValidate({ dir: positionals[0] ?? '.', format: values.format }, out, err);
      }
      case 'import':
        return await runImport(rest, out, err);
      case 'classify':
        return await runClassify(rest, out, err);
      case 'candidates':
        return await runCandidates(rest, out, err);
      case 'fishbone':
        return await runFishbone(rest, out, err);
      case 'kedb':
        return await runKedb(rest, out, err);
      case 'report':
        return await runReport(rest, out, err);
      case 'search':
        return await runSearch(rest, out, err);
      case 'suggest':
        return await runSuggest(rest, out, err);
      default:
        err(`kedb: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    // parseArgs throws on unknown options; anything else is a bug worth its stack.
    if (e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      err(`kedb ${command}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`kedb: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
