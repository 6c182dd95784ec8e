/**
 * What the user should set in the workspace after an import so that `kedb validate` agrees with
 * the data: the priority matrix its impact, urgency and priority follow. The importer writes a
 * configuration only for a new workspace that has none; an existing one is the user's, so it says
 * what to change instead.
 */
import type { KedbConfig } from '../records/config';
import { t } from '../base/l10n';
import { PRESETS as MATRICES, resolveMatrix } from '../records/matrix';
import type { ResolvedMapping } from './mapping';

/** Advice for the workspace configuration, or undefined when it already fits the data. */
export function matrixAdvice(mapping: ResolvedMapping, config: KedbConfig, configFile: string): string | undefined {
  const wanted = mapping.matrix ? MATRICES[mapping.matrix] : undefined;
  if (!wanted) return undefined;
  const current = resolveMatrix(config.priorityMatrix).matrix;
  if (current.name === wanted.name) return undefined;
  const fits = wanted.impact.every((l) => current.impact.some((c) => String(c) === String(l)));
  const setting = `\n  priority:\n    matrix: ${wanted.name}`;
  return fits
    ? t(
        '{0} grades impact and urgency {1} and sets priority by the {2} matrix; this workspace uses {3}, so kedb validate will warn where the two disagree. To follow the data, set it in {4}:',
        mapping.dataset,
        wanted.impact.join(', '),
        wanted.name,
        current.name,
        configFile,
      ) + setting
    : t(
        '{0} grades impact and urgency {1} and sets priority by the {2} matrix, but this workspace uses {3} ({4}), so kedb validate will report every imported level as an error. Set it in {5}:',
        mapping.dataset,
        wanted.impact.join(', '),
        wanted.name,
        current.name,
        current.impact.join(', '),
        configFile,
      ) + setting;
}
