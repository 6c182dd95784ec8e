/**
 * `kedb validate`'s formats for CI tools: SARIF 2.1.0 (`--format sarif`, for code scanning) and
 * GitHub Actions workflow commands (`--format github`, annotations on the changed lines). Both are
 * built from the same issues as the text and JSON formats; the help of each issue code is here,
 * in one table.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Issue, IssueCode } from '../core';
import { forTerminal } from '../core/base';

declare const KEDB_VERSION: string;

/** What each issue code means, one sentence each: SARIF's rule descriptions. */
export const ISSUE_HELP: Readonly<Record<IssueCode, string>> = {
  'yaml-syntax': 'The file is not valid YAML.',
  'tab-indentation': 'A line is indented with a tab; YAML allows only spaces for indentation.',
  'duplicate-key': 'A key appears twice in the same mapping.',
  'alias-limit': 'The document expands too many YAML aliases (an alias bomb), so it was not read.',
  'file-too-large': 'The file is over the size limit (2 MB), or too large to check as it is written, so it was not checked.',
  'unreadable-file': 'The file could not be read, or is not a regular file, so it was not checked.',
  'binary-file': 'The file holds binary data (NUL bytes), not YAML text, so it was not checked.',
  'invalid-encoding': 'The file is not valid UTF-8 (or UTF-16 as marked), so it was not checked.',
  'empty-file': 'The file is empty: it holds no record.',
  'not-a-mapping': 'A record must be a YAML mapping of keys and values, not a list, a scalar or nothing.',
  'missing-kind': 'The record has no "kind" (incident, problem or known_error).',
  'unknown-kind': 'The record\'s "kind" is not incident, problem or known_error.',
  'missing-property': 'A required property is missing (reported at the mapping\'s first key).',
  'unknown-property': 'A property the schema does not define (reported at the key).',
  'invalid-value': 'A value that is not one of those the schema allows.',
  'invalid-type': 'A value of the wrong type (text for a number, a list for a mapping, ...).',
  'invalid-format': 'A value in the wrong format (a date, a time, an e-mail address, ...).',
  'schema': 'A value the record schema does not allow.',
  'id-pattern': 'The id does not match its kind\'s pattern: the prefix, a dash and at least four digits.',
  'id-filename-mismatch': 'The id does not match the file\'s name.',
  'duplicate-id': 'Two records have the same id (reported at both).',
  'unknown-reference': 'A reference to a record id that does not exist.',
  'reference-in-broken-file': 'A reference to a record in a file with a syntax error: checked again once that file is fixed.',
  'wrong-reference-kind': 'A reference to a record of the wrong kind (a problem where a known error is needed, ...).',
  'link-mismatch': 'The two ends of a link between records disagree.',
  'config-error': 'kedb.config.yaml has a setting that is not valid.',
  'matrix-error': 'The priority matrix in kedb.config.yaml is not valid.',
  'invalid-level': 'An impact or urgency that is not a level of the priority matrix.',
  'priority-mismatch': 'The priority disagrees with the one the Impact x Urgency matrix gives.',
  'priority-missing': 'The incident has no priority, and its impact and urgency give one.',
  'escalation-missing': 'An open incident of high priority has no escalation.',
  'root-cause-unlisted': 'A fishbone cause marked as a root cause is not listed in rca.root_causes.',
  'root-cause-unmatched': 'A root cause in rca.root_causes matches no fishbone cause and no 5 Whys answer.',
  'known-error-root-cause-unmatched': 'A known error\'s root cause matches nothing in its problem\'s root cause analysis.',
  'checklist-incomplete': 'Fields of the incident checklist are empty.',
  'rca-or-assignee-missing': 'A problem in root-cause-analysis needs an rca or an assignee.',
  'change-reference-missing': 'A problem in fix-in-progress needs a change reference.',
  'resolution-code-missing': 'A resolved or closed problem needs a resolution.code.',
  'duplicate-of-missing': 'A problem resolved as a duplicate needs resolution.duplicate_of.',
  'workaround-missing': 'A known error needs a workaround, or "None: " followed by the reason there is none.',
  'known-error-unlinked': 'A problem that a known error documents must link to it with known_error.',
  'known-error-stale': 'A known error past its valid_to date is stale and should be reviewed.',
  'task-overdue': 'An open or in-progress problem task is past its due date.',
  'task-owner-missing': 'An open or in-progress problem task has no owner.',
  'task-done-at-missing': 'A problem task marked done does not say when (done_at).',
  'problem-open-tasks': 'A resolved or closed problem still has open or in-progress tasks.',
  'duplicate-task-id': 'Two tasks of one problem share an id.',
  'review-action-untracked': 'A follow-up action of a problem review that no task tracks.',
  recurrence: 'An incident matches a known error whose problem was resolved or closed with its fix applied, and came after it: the error recurred.',
  'linked-incidents-open': 'A problem resolved or closed with its fix applied still has linked incidents that are not resolved or closed.',
  'known-error-review-due': 'A published known error is past its review_by date.',
  'retired-known-error-linked': 'An open incident or open problem links a retired known error.',
  'replaced-by-retired': "A known error's replaced_by names a known error that is itself retired.",
  'replaced-by-loop': 'The replaced_by links of known errors lead back to where they started.',
  'draft-workaround-communicated': "An incident's notes carry the workaround of a known error that is still a draft.",
  'undefined-alias': 'A YAML alias (*name) with no anchor (&name) set before it.',
  'too-many-issues': 'The file has more issues than are listed; the rest are counted.',
  'prose-colon': 'A ": " inside a plain value, which YAML reads as a new key.',
  'prose-comment': 'A " #" in a plain value, which YAML drops as a comment with the rest of the line.',
  'prose-indicator': 'A plain value starts with a character YAML reads as syntax (@, `, %, *, &, !, |, >, [, {, "- ", "? ").',
  'prose-quote': 'A quote mark that closes the value early, or never closes it.',
  'prose-indent': 'A list item or field typed out of line with its neighbours.',
};

/** Every issue code, in the table's order: SARIF's rules. */
export const ISSUE_CODES = Object.keys(ISSUE_HELP) as IssueCode[];

/** The base SARIF names the checked folder by: each result's uri is relative to it. */
export const SARIF_ROOT = 'KEDBROOT';

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** `KedbYamlSyntax` for `yaml-syntax`: a rule's friendly name. */
function ruleName(code: string): string {
  return code.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

/** A path relative to the folder, as a relative URI reference: each segment percent-encoded. */
function relativeUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** 1-based region of an issue; the end column is the one after the last character, as SARIF counts. */
function region(issue: Issue) {
  const { start, end } = issue.range;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

/**
 * The SARIF 2.1.0 log of one check: one run, every issue code as a rule (with what it means), one
 * result per issue. `issues` maps each file, relative to `dir`, to its issues.
 */
export function toSarif(dir: string, issues: ReadonlyMap<string, readonly Issue[]>): object {
  const index = new Map(ISSUE_CODES.map((code, i) => [code, i]));
  const results = [];
  for (const [file, list] of issues) {
    for (const issue of list) {
      results.push({
        ruleId: issue.code,
        ...(index.has(issue.code) ? { ruleIndex: index.get(issue.code) } : {}),
        level: SARIF_LEVEL[issue.severity],
        message: { text: issue.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: SARIF_ROOT }, region: region(issue) } }],
      });
    }
  }
  const version = typeof KEDB_VERSION === 'string' ? KEDB_VERSION : '0.0.0';
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kedb',
            fullName: 'KEDB Studio validate',
            version,
            semanticVersion: version,
            rules: ISSUE_CODES.map((code) => ({
              id: code,
              name: `Kedb${ruleName(code)}`,
              shortDescription: { text: ISSUE_HELP[code] },
              fullDescription: { text: ISSUE_HELP[code] },
              help: { text: ISSUE_HELP[code] },
            })),
          },
        },
        originalUriBaseIds: { [SARIF_ROOT]: { uri: pathToFileURL(path.resolve(dir)).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** A workflow command's message: GitHub's own escaping (`%`, CR, LF), then no other control character. */
function escapeData(s: string): string {
  return forTerminal(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow command's property value: the message's escaping, and `:` and `,`, which end a property. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/**
 * One GitHub Actions annotation: `::error file=P,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE`
 * (`warning`, `notice` for info); `shownPath` as the text format shows it (relative to the current directory).
 */
export function formatGithubLine(shownPath: string, issue: Issue): string {
  const r = region(issue);
  const props = [
    `file=${escapeProperty(shownPath)}`,
    `line=${r.startLine}`,
    `col=${r.startColumn}`,
    `endLine=${r.endLine}`,
    `endColumn=${r.endColumn}`,
    `title=${escapeProperty(issue.code)}`,
  ];
  return `::${GITHUB_COMMAND[issue.severity]} ${props.join(',')}::${escapeData(issue.message)}`;
}
