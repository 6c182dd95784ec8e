/**
 * The CLI's one argument layer. Each command describes its options and its positional arguments
 * once, as data (a `CommandSpec`); `parseCommand` reads the arguments with node:util's parseArgs,
 * answers --help, checks every value, the number of positional arguments and the folder, and
 * prints the bad-usage message itself. The command is left with its work:
 *
 *   const KEDB = defineCommand({
 *     name: 'kedb',
 *     usage: kedbUsage,
 *     options: {
 *       format: { type: 'string', default: 'md', choices: EXPORT_FORMATS, invalid: (cmd, v) => t('…', cmd, v) },
 *       out: { type: 'string' },
 *     },
 *     positionals: { kind: 'folder' },
 *   });
 *
 *   const parsed = parseCommand(KEDB, args, out, err);
 *   if ('exit' in parsed) return parsed.exit; // --help (0) or bad usage (2), already printed
 *   parsed.values.format; // 'md' | 'csv' | 'html' | 'json'
 *   parsed.dir; // the folder, '.' when none was given; it exists
 *
 * The checks run in this order, and the first that fails is the one reported (exit 2):
 *   1. the arguments parse: no unknown option, no option without its value, no value given to a
 *      flag (`kedb CMD: ` and node's own message, in English as before);
 *   2. --help / -h prints the command's usage on standard output (exit 0);
 *   3. options that exclude each other (`exclusive`);
 *   4. each option's value, in the order the options are declared (`choices` or `valid`);
 *   5. the positional arguments: how many (`positionals`);
 *   6. the folder exists.
 * A command whose positional argument comes first in its usage (`kedb import FILE.csv`) checks
 * it before the options (`positionalsFirst`: step 5 moves before step 3).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { t } from '../core/base';

/** Where a command prints: one line at a time, without its newline. */
export type Print = (line: string) => void;

/** A message that names the command it is about: `kedb CMD: …`. */
type Message = (command: string, value: string) => string;

/** An option that takes any value: `--out FILE`. */
export interface FreeOption {
  type: 'string';
  /** The value when the option is not given. */
  default?: string;
  choices?: never;
  valid?: never;
  invalid?: never;
}

/** An option whose value is checked: `--format json`, `--format=json`. */
export interface CheckedOption {
  type: 'string';
  /** The value when the option is not given (not checked: it must be a good one). */
  default?: string;
  /** The values allowed; anything else is bad usage. */
  choices?: readonly string[];
  /** For values no list can hold (a number): true when the value is allowed. */
  valid?: (value: string) => boolean;
  /** The message for a value that is not allowed. */
  invalid: Message;
}

/** An option without a value: `--write`. */
export interface BooleanOption {
  type: 'boolean';
}

export type OptionSpec = FreeOption | CheckedOption | BooleanOption;

/** What a command takes besides options. */
export type PositionalSpec =
  /** `[DIR]`: at most one folder, `.` when none is given; it must exist. */
  | { kind: 'folder' }
  /**
   * `ARG [DIR]`: one argument (`ID`, `"QUERY"`) then at most one folder, which must exist. Anything
   * else prints the command's usage as the error. `nonBlank`: an argument of spaces is missing too.
   */
  | { kind: 'arg-and-folder'; /** its name in the usage */ arg: string; nonBlank?: boolean }
  /** `FILE`: exactly one; anything else prints `wrongCount`'s message, then the usage. */
  | { kind: 'file'; wrongCount: (command: string) => string };

export interface CommandSpec {
  /** The command's name, as typed after `kedb`. */
  name: string;
  /** The help text, in the current language: printed by --help, and after some errors. */
  usage: () => string;
  /** The options besides --help / -h, which every command has. */
  options: Readonly<Record<string, OptionSpec>>;
  positionals: PositionalSpec;
  /** Pairs of flags that cannot be given together, with the message when both are. */
  exclusive?: readonly { options: readonly [string, string]; message: (command: string) => string }[];
  /** Print the usage after a parse error (unknown option, missing value) as well. */
  usageOnParseError?: boolean;
  /** Check the positional arguments before the options (exclusive flags and values). */
  positionalsFirst?: boolean;
}

/** The value of one option as the command sees it: narrowed to its choices, never undefined with a default. */
type ValueOf<O> = O extends { type: 'boolean' }
  ? boolean | undefined
  : O extends { choices: readonly (infer C)[] }
    ? O extends { default: string }
      ? C
      : C | undefined
    : O extends { default: string }
      ? string
      : string | undefined;

export type Values<S extends CommandSpec> = { -readonly [K in keyof S['options']]: ValueOf<S['options'][K]> };

type PositionalValues<P extends PositionalSpec> = P extends { kind: 'file' }
  ? { file: string }
  : P extends { kind: 'arg-and-folder' }
    ? { arg: string; dir: string }
    : { dir: string };

/** The arguments of a command that may run: its option values, and its positional arguments by role. */
export type Parsed<S extends CommandSpec> = { values: Values<S> } & PositionalValues<S['positionals']>;

/** The command is done before it starts: --help was printed (0), or a bad-usage message (2). */
export interface Exit {
  exit: 0 | 2;
}

/** A command's spec, as written: the identity, kept for its precise type (choices as literal unions). */
export function defineCommand<const S extends CommandSpec>(spec: S): S {
  return spec;
}

/** `kedb CMD: DIR: no such folder`. */
export function noSuchFolder(command: string, dir: string): string {
  return t('kedb {0}: {1}: no such folder', command, dir);
}

/** `kedb CMD: give at most one folder`. */
export function atMostOneFolder(command: string): string {
  return t('kedb {0}: give at most one folder', command);
}

/** True for the errors node:util's parseArgs throws on bad arguments (not on a bad config). */
function isParseError(e: unknown): e is TypeError & { code: string } {
  return e instanceof TypeError && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}

function isFolder(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory();
}

/** The message for bad positional arguments, or undefined when they are right. */
function positionalError(spec: CommandSpec, positionals: string[]): string | undefined {
  const p = spec.positionals;
  switch (p.kind) {
    case 'folder':
      return positionals.length > 1 ? atMostOneFolder(spec.name) : undefined;
    case 'arg-and-folder': {
      const [arg, , ...extra] = positionals;
      return !arg || (p.nonBlank && !arg.trim()) || extra.length ? spec.usage() : undefined;
    }
    case 'file':
      return positionals.length !== 1 ? `${p.wrongCount(spec.name)}\n\n${spec.usage()}` : undefined;
  }
}

/** The message for a value an option does not allow, or undefined when every value is allowed. */
function optionError(spec: CommandSpec, values: Record<string, string | boolean | undefined>): string | undefined {
  for (const [name, option] of Object.entries(spec.options)) {
    const value = values[name];
    if (option.type !== 'string' || typeof value !== 'string') continue;
    const allowed = (option.choices === undefined || option.choices.includes(value)) && (option.valid === undefined || option.valid(value));
    if (!allowed) return option.invalid?.(spec.name, value);
  }
  return undefined;
}

/**
 * Reads a command's arguments as its spec describes them. On --help, prints the usage and returns
 * `{ exit: 0 }`; on bad usage, prints why on `err` and returns `{ exit: 2 }`; else returns the
 * values and the positional arguments, with the folder checked.
 */
export function parseCommand<S extends CommandSpec>(spec: S, args: readonly string[], out: Print, err: Print): Parsed<S> | Exit {
  const config: Record<string, { type: 'string' | 'boolean'; default?: string; short?: string }> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    config[name] = option.type === 'string' && option.default !== undefined ? { type: 'string', default: option.default } : { type: option.type };
  }
  config.help = { type: 'boolean', short: 'h' };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: config }));
  } catch (e) {
    if (!isParseError(e)) throw e;
    err(`kedb ${spec.name}: ${e.message}${spec.usageOnParseError ? `\n\n${spec.usage()}` : ''}`);
    return { exit: 2 };
  }
  if (values.help) {
    out(spec.usage());
    return { exit: 0 };
  }
  const checks: (() => string | undefined)[] = [
    () => spec.exclusive?.find((x) => x.options.every((o) => values[o] === true))?.message(spec.name),
    () => optionError(spec, values),
  ];
  if (spec.positionalsFirst) checks.unshift(() => positionalError(spec, positionals));
  else checks.push(() => positionalError(spec, positionals));
  for (const check of checks) {
    const message = check();
    if (message !== undefined) {
      err(message);
      return { exit: 2 };
    }
  }
  const { help: _help, ...given } = values;
  const p = spec.positionals;
  let rest: { file: string } | { arg: string; dir: string } | { dir: string };
  if (p.kind === 'file') rest = { file: positionals[0] };
  else {
    const dir = (p.kind === 'folder' ? positionals[0] : positionals[1]) ?? '.';
    if (!isFolder(dir)) {
      err(noSuchFolder(spec.name, dir));
      return { exit: 2 };
    }
    rest = p.kind === 'folder' ? { dir } : { arg: positionals[0], dir };
  }
  return { values: given, ...rest } as unknown as Parsed<S>;
}
