/**
 * What the user should set in the workspace after an import so that `kedb validate` agrees with
 * the data: the priority matrix its impact, urgency and priority follow, and what its export cannot
 * hold (`checklist.sources` for incidents, `lifecycle.sources` for problems). The importer writes a
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

/** A data set's name as a YAML key: plain when it can be, else quoted. */
function yamlKey(name: string): string {
  return /^[A-Za-z0-9][\w.-]*$/.test(name) ? name : JSON.stringify(name);
}

/** The `checklist.sources` (or `lifecycle.sources`) entry for a data set, as kedb.config.yaml lines indented by `indent`. */
function sourcesLines(dataset: string, lacks: readonly string[], indent: string): string[] {
  return [`${indent}sources:`, `${indent}  ${yamlKey(dataset)}:`, `${indent}    lacks: [${lacks.join(', ')}]`];
}

/** The lifecycle rule each problem field an export may lack would set off on its problems. */
const RULE_OF: Record<string, string> = { 'resolution.code': 'resolution-code-missing', 'resolution.change': 'change-reference-missing' };

/**
 * The kedb.config.yaml an import writes into a new workspace so that it validates at once and asks
 * only for what the data could hold: the priority matrix the data follows (when not the default),
 * the checklist blocks and fields an incident export has no column for (`checklist.sources`), and
 * the problem fields a problem log has no column for (`lifecycle.sources`). Undefined when there
 * is nothing to set.
 */
export function importedConfigText(mapping: ResolvedMapping, lacks: readonly string[], problemLacks: readonly string[] = []): string | undefined {
  const matrix = mapping.matrix && mapping.matrix !== 'itil-3x3' ? mapping.matrix : undefined;
  if (!matrix && lacks.length === 0 && problemLacks.length === 0) return undefined;
  const lines = [`# Created by kedb import for the ${mapping.dataset} data.`, 'version: 1'];
  if (matrix) lines.push(`# ${mapping.dataset} sets priority by the ${matrix} matrix.`, 'priority:', `  matrix: ${matrix}`);
  if (lacks.length) {
    lines.push(
      `# The ${mapping.dataset} export has no column for these checklist blocks and fields (or fills them`,
      '# in fewer than 1 % of its rows): its records are not asked for them until one of them is filled.',
      '# Remove one to be asked for it.',
      'checklist:',
      ...sourcesLines(mapping.dataset, lacks, '  '),
    );
  }
  if (problemLacks.length) {
    const rules = problemLacks.map((f) => RULE_OF[f] ?? f).join(', ');
    lines.push(
      `# The ${mapping.dataset} export has no column for these problem fields (or fills them in fewer than`,
      '# 1 % of its rows). So that its problems are not all reported for them, these rules leave them out:',
      `# ${rules}. Remove a field to be asked for it again.`,
      ...(problemLacks.includes('resolution.change') ? ['# A known error that documents one of its problems is still asked for its permanent fix.'] : []),
      'lifecycle:',
      ...sourcesLines(mapping.dataset, problemLacks, '  '),
    );
  }
  return lines.join('\n') + '\n';
}

/**
 * What the import says when it wrote kedb.config.yaml. An import has checklist lacks (incidents)
 * or problem lacks (problems), never both.
 */
export function configCreatedMessage(file: string, mapping: ResolvedMapping, lacks: readonly string[], problemLacks: readonly string[] = []): string {
  const matrix = mapping.matrix && mapping.matrix !== 'itil-3x3';
  if (lacks.length === 0 && problemLacks.length > 0) {
    return matrix
      ? t('Created {0} with the priority matrix the data follows, and the problem fields this export cannot hold (lifecycle.sources.{1}: {2}), which its problems are not asked for.', file, mapping.dataset, problemLacks.join(', '))
      : t('Created {0} with the problem fields this export cannot hold (lifecycle.sources.{1}: {2}), which its problems are not asked for.', file, mapping.dataset, problemLacks.join(', '));
  }
  if (lacks.length === 0) return t('Created {0} with the priority matrix the data follows.', file);
  return matrix
    ? t('Created {0} with the priority matrix the data follows, and the checklist fields this export cannot hold (checklist.sources.{1}: {2}), which its records are not asked for.', file, mapping.dataset, lacks.join(', '))
    : t('Created {0} with the checklist fields this export cannot hold (checklist.sources.{1}: {2}), which its records are not asked for.', file, mapping.dataset, lacks.join(', '));
}

/**
 * Advice when the workspace's own config does not yet say what this data set lacks: the checklist
 * fields of an incident export (`checklist.sources`), the problem fields of a problem log
 * (`lifecycle.sources`).
 */
export function sourcesAdvice(mapping: ResolvedMapping, config: KedbConfig, configFile: string, lacks: readonly string[], section: 'checklist' | 'lifecycle' = 'checklist'): string | undefined {
  if (lacks.length === 0 || config[section].sources[mapping.dataset]) return undefined;
  const said =
    section === 'checklist'
      ? t('The {0} export has no column for these checklist fields: {1}. So that its records are not asked for them, add to {2}:', mapping.dataset, lacks.join(', '), configFile)
      : t('The {0} export has no column for these problem fields: {1}. So that its problems are not reported for them, add to {2}:', mapping.dataset, lacks.join(', '), configFile);
  return said + '\n' + [`  ${section}:`, ...sourcesLines(mapping.dataset, lacks, '    ')].join('\n');
}
