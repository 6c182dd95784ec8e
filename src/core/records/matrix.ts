import type { KedbConfig } from './config';
import { t } from '../base/l10n';

export type Level = string | number;
export type Priority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];

/** An Impact × Urgency lookup table. Levels are listed highest first. */
export interface PriorityMatrix {
  name: string;
  impact: Level[];
  urgency: Level[];
  /** `table[impact][urgency]`, keyed by the levels' text. */
  table: Record<string, Record<string, Priority>>;
}

const HML: Level[] = ['high', 'medium', 'low'];

function grid(levels: { impact: Level[]; urgency: Level[] }, cell: (i: number, u: number) => Priority): PriorityMatrix['table'] {
  const table: PriorityMatrix['table'] = {};
  levels.impact.forEach((imp, i) => {
    table[String(imp)] = {};
    levels.urgency.forEach((urg, u) => (table[String(imp)][String(urg)] = cell(i, u)));
  });
  return table;
}

/** The named presets. */
export const PRESETS: Record<string, PriorityMatrix> = {
  // ServiceNow's default: P1..P5, rows impact, columns urgency.
  'itil-3x3': { name: 'itil-3x3', impact: HML, urgency: HML, table: grid({ impact: HML, urgency: HML }, (i, u) => PRIORITIES[i + u]) },
  // The same without P5: low × low is P4 (the UCI ServiceNow data).
  'itil-3x3-p4': {
    name: 'itil-3x3-p4',
    impact: HML,
    urgency: HML,
    table: grid({ impact: HML, urgency: HML }, (i, u) => PRIORITIES[Math.min(i + u, 3)]),
  },
  // Rabobank (BPIC 2014): 1..5 each, priority = floor((impact + urgency) / 2).
  'rabobank-5x5': {
    name: 'rabobank-5x5',
    impact: [1, 2, 3, 4, 5],
    urgency: [1, 2, 3, 4, 5],
    table: grid({ impact: [1, 2, 3, 4, 5], urgency: [1, 2, 3, 4, 5] }, (i, u) => PRIORITIES[Math.floor((i + 1 + u + 1) / 2) - 1]),
  },
};

/** A problem with a custom matrix, with the path of the config value it concerns. */
export interface MatrixProblem {
  path: (string | number)[];
  message: string;
  /** Point at the key rather than the value. */
  atKey?: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Turns the config's `priority.matrix` into a matrix, or explains what is wrong with it. A broken
 * matrix falls back to `itil-3x3` so that records are still checked.
 */
export function resolveMatrix(raw: KedbConfig['priorityMatrix']): { matrix: PriorityMatrix; problems: MatrixProblem[] } {
  const base = ['priority', 'matrix'];
  if (typeof raw === 'string') {
    const preset = PRESETS[raw];
    if (preset) return { matrix: preset, problems: [] };
    return {
      matrix: PRESETS['itil-3x3'],
      problems: [{ path: base, message: t('Unknown priority matrix "{0}". Presets: {1}; or write a custom table.', raw, Object.keys(PRESETS).join(', ')) }],
    };
  }
  const problems: MatrixProblem[] = [];
  const levels = (key: 'impact' | 'urgency'): Level[] => {
    const v = raw[key];
    if (!Array.isArray(v) || v.length === 0) {
      problems.push({ path: base, message: t('A custom matrix needs a list of {0} levels, highest first.', key) });
      return [];
    }
    const seen = new Set<string>();
    v.forEach((l, i) => {
      if (seen.has(String(l))) problems.push({ path: [...base, key, i], message: t('The {0} level "{1}" is listed twice.', key, String(l)) });
      seen.add(String(l));
    });
    return v as Level[];
  };
  const impact = levels('impact');
  const urgency = levels('urgency');
  const table: PriorityMatrix['table'] = {};
  const rawTable = raw.table;
  if (!isObject(rawTable)) {
    problems.push({ path: base, message: t('A custom matrix needs a `table`: for each impact level, a map from urgency level to priority.') });
  } else {
    const impactKeys = new Set(impact.map(String));
    const urgencyKeys = new Set(urgency.map(String));
    for (const [imp, row] of Object.entries(rawTable)) {
      if (!impactKeys.has(imp)) {
        problems.push({ path: [...base, 'table', imp], atKey: true, message: t('"{0}" is not one of the impact levels ({1}).', imp, impact.join(', ')) });
        continue;
      }
      if (!isObject(row)) continue;
      table[imp] = {};
      for (const [urg, p] of Object.entries(row)) {
        if (!urgencyKeys.has(urg)) {
          problems.push({ path: [...base, 'table', imp, urg], atKey: true, message: t('"{0}" is not one of the urgency levels ({1}).', urg, urgency.join(', ')) });
        } else if (typeof p === 'string' && (PRIORITIES as readonly string[]).includes(p)) {
          table[imp][urg] = p as Priority;
        }
      }
    }
    for (const imp of new Set(impact)) {
      const row = table[String(imp)];
      const missing = urgency.filter((u) => !row || row[String(u)] === undefined);
      if (missing.length === 0) continue;
      const where = rawTable[String(imp)] !== undefined ? [...base, 'table', String(imp)] : [...base, 'table'];
      problems.push({
        path: where,
        atKey: rawTable[String(imp)] !== undefined,
        message: t('The matrix has a hole: impact {0} × urgency {1} gives no priority.', String(imp), missing.join(', ')),
      });
    }
  }
  const name = typeof raw.name === 'string' && raw.name ? raw.name : 'custom matrix';
  if (problems.length) return { matrix: PRESETS['itil-3x3'], problems };
  return { matrix: { name, impact, urgency, table }, problems };
}

/** The priority for an impact and urgency, or undefined when either is not a level of the matrix. */
export function classify(matrix: PriorityMatrix, impact: unknown, urgency: unknown): Priority | undefined {
  if (impact === undefined || urgency === undefined || impact === null || urgency === null) return undefined;
  return matrix.table[String(impact)]?.[String(urgency)];
}

export function isLevel(levels: readonly Level[], v: unknown): boolean {
  return levels.some((l) => String(l) === String(v));
}
