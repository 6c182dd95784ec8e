import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { languageOfLocale, setL10nBundle, t, type L10nBundle } from '../core/base';
import { runCandidates } from './candidates';
import { runClassify } from './classify';
import { runFishbone } from './fishbone';
import { runImport } from './import';
import { runKedb } from './kedb';
import { runReport } from './report';
import { runSearch } from './search';
import { runSuggest } from './suggest';
import { atMostOneFolder } from './output';
import { runValidate } from './validate';

/** The help text, in the current language: command, option and value names stay as they are. */
export function usage(): string {
  return `${t('Usage: kedb <command> [options]')}

${t('Commands:')}
  validate [DIR]            ${t('Check every record under DIR (default: .)')}
      --format text|json    ${t('Output format (default: text)')}
  import FILE.csv           ${t('Import helpdesk tickets as incident records (see kedb import --help)')}
      --preset NAME         ${t('seed, tobi-bueck, servicenow-uci or bpic2014 (default: detected)')}
      --mapping MAP.yaml    ${t('Column mapping file; --out DIR (default: ./incidents)')}
      --limit N, --dry-run  ${t('Import at most N incidents; write nothing')}
  classify [DIR]            ${t('Check priorities against the Impact × Urgency matrix')}
      --check | --write     ${t('List disagreements (exit 1 if any) | set them, keeping comments')}
      --format text|json    ${t("Output format; --matrix NAME overrides the config's matrix")}
  candidates [DIR]          ${t('Find problem candidates: repeated categories, CIs/services, similar texts')}
      --rule category|ci|text|all   ${t('Which rules (default: those kedb.config.yaml enables)')}
      --format text|json|md ${t("Ranked candidates with evidence | JSON | the seed's two tables")}
  fishbone ID [DIR]         ${t("Draw a problem's root cause analysis (fishbone and 5 Whys)")}
      --format mermaid|html|svg   ${t('Mermaid text (default), an offline page, or SVG (needs Chromium)')}
      --out FILE            ${t('Write to FILE instead of standard output')}
  kedb [DIR]                ${t('Print the Known Error Database, one row per known error')}
      --format md|csv|html|json   ${t('Output format (default md); --out FILE to write a file')}
  report [DIR]              ${t('Write the problem-management report (Markdown and offline HTML)')}
      --out OUTDIR          ${t('Where to write it (default: DIR/reports)')}
  search "QUERY" [DIR]      ${t('Rank the known errors against QUERY (title, symptoms, root causes)')}
      --limit N, --format text|json
  suggest [DIR]             ${t('Suggest the empty checklist fields of each incident, with evidence')}
      --format text|json    ${t('Output format; --write sets them, keeping comments')}

${t('Options:')}
  -h, --help                ${t('Show this help')}
  -v, --version             ${t('Show the version')}
  --lang en|id              ${t('Language of the output (default: from LANG)')}

${t('Exit codes: 0 no error, 1 errors found, 2 bad usage.')}`;
}

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
    out(usage());
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
          out(usage());
          return 0;
        }
        if (values.format !== 'text' && values.format !== 'json') {
          err(t('kedb {0}: --format must be text or json, not "{1}"', 'validate', String(values.format)));
          return 2;
        }
        if (positionals.length > 1) {
          err(atMostOneFolder('validate'));
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
        err(`${t('kedb: unknown command "{0}"', command)}\n\n${usage()}`);
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
      process.stderr.write(t('kedb: internal error: {0}', String(e instanceof Error ? e.stack : e)) + '\n');
      process.exitCode = 3;
    },
  );
}
