/**
 * What the user should set in the workspace after an import so that `kedb validate` agrees with
 * the data: the priority matrix its impact, urgency and priority follow. The importer writes a
 * configuration only for a new workspace that has none; an existing one is the user's, so it says
 * what to change instead.
 */
import type { KedbConfig } from '../config';
import { PRESETS as MATRICES, resolveMatrix } from '../priority';
import type { ResolvedMapping } from './mapping';

/** Advice for the workspace configuration, or undefined when it already fits the data. */
export function matrixAdvice(mapping: ResolvedMapping, config: KedbConfig, configFile: string): string | undefined {
  const wanted = mapping.matrix ? MATRICES[mapping.matrix] : undefined;
  if (!wanted) return undefined;
  const current = resolveMatrix(config.priorityMatrix).matrix;
  if (current.name === wanted.name) return undefined;
  const fits = wanted.impact.every((l) => current.impact.some((c) => String(c) === String(l)));
  const what = `${mapping.dataset} grades impact and urgency ${wanted.impact.join(', ')} and sets priority by the ${wanted.name} matrix`;
  const set = `set it in ${configFile}:\n  priority:\n    matrix: ${wanted.name}`;
  return fits
    ? `${what}; this workspace uses ${current.name}, so kedb validate will warn where the two disagree. To follow the data, ${set}`
    : `${what}, but this workspace uses ${current.name} (${current.impact.join(', ')}), so kedb validate will report every imported level as an error. ${set[0].toUpperCase()}${set.slice(1)}`;
}
