import type { KedbConfig } from '../records/config';

/** A path of keys and indexes inside a record, e.g. `['rca', 'fishbone', 'categories', 0, 'name']`. */
export type RcaPath = (string | number)[];

/** One cause on a bone: its text, where that text is, and its sub-causes. */
export interface CauseNode {
  text: string;
  /** Path to the cause's text scalar (a plain string item, or the `cause` key of a mapping). */
  path: RcaPath;
  /** Path to the whole item: the span the cursor can be in to mean this cause. */
  itemPath: RcaPath;
  rootCause: boolean;
  evidence: string[];
  children: CauseNode[];
}

export interface CategoryNode {
  name: string;
  /** Path to the name scalar; undefined for a bone that comes from the workspace config. */
  path: RcaPath | undefined;
  itemPath: RcaPath | undefined;
  causes: CauseNode[];
}

export interface WhyStep {
  why: string | undefined;
  because: string;
  /** Paths to the `why` and `because` scalars (for a plain-text step, both are the item). */
  whyPath: RcaPath | undefined;
  becausePath: RcaPath;
  itemPath: RcaPath;
}

export interface WhyChain {
  /** The chain's name when five_whys is a mapping of named chains. */
  name: string | undefined;
  path: RcaPath;
  steps: WhyStep[];
}

/** A problem's root cause analysis as plain data, tolerant of schema errors (bad items are skipped). */
export interface RcaModel {
  id: string | undefined;
  title: string | undefined;
  effect: string;
  /**
   * Where the effect comes from: `rca.fishbone.effect`, else the short `title`, else the
   * `problem_statement` (a drafted statement runs to sixty words, unreadable at the fish's head).
   */
  effectPath: RcaPath | undefined;
  categories: CategoryNode[];
  /** True when the record lists no categories and the config's bones are drawn instead. */
  categoriesFromConfig: boolean;
  chains: WhyChain[];
  rootCauses: string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function readCause(raw: unknown, itemPath: RcaPath): CauseNode | undefined {
  if (typeof raw === 'string') return { text: raw, path: itemPath, itemPath, rootCause: false, evidence: [], children: [] };
  if (!isObject(raw) || typeof raw.cause !== 'string') return undefined;
  const evidence = typeof raw.evidence === 'string' ? [raw.evidence] : Array.isArray(raw.evidence) ? raw.evidence.filter((e): e is string => typeof e === 'string') : [];
  return {
    text: raw.cause,
    path: [...itemPath, 'cause'],
    itemPath,
    rootCause: raw.root_cause === true,
    evidence,
    children: readCauses(raw.because, [...itemPath, 'because']),
  };
}

function readCauses(raw: unknown, path: RcaPath): CauseNode[] {
  if (!Array.isArray(raw)) return [];
  const out: CauseNode[] = [];
  raw.forEach((item, i) => {
    const c = readCause(item, [...path, i]);
    if (c) out.push(c);
  });
  return out;
}

function readChain(raw: unknown, path: RcaPath, name: string | undefined): WhyChain {
  const steps: WhyStep[] = [];
  if (Array.isArray(raw)) {
    raw.forEach((item, i) => {
      const itemPath = [...path, i];
      if (typeof item === 'string') steps.push({ why: undefined, because: item, whyPath: undefined, becausePath: itemPath, itemPath });
      else if (isObject(item) && typeof item.because === 'string') {
        const why = typeof item.why === 'string' ? item.why : undefined;
        steps.push({ why, because: item.because, whyPath: why === undefined ? undefined : [...itemPath, 'why'], becausePath: [...itemPath, 'because'], itemPath });
      }
    });
  }
  return { name, path, steps };
}

/** Reads the `rca` of a problem record's value. `config` gives the bones when the record has none. */
export function readRca(value: Record<string, unknown>, config: Pick<KedbConfig, 'fishboneCategories'>): RcaModel {
  const rca = isObject(value.rca) ? value.rca : {};
  const fishbone = isObject(rca.fishbone) ? rca.fishbone : {};
  let effect = '';
  let effectPath: RcaPath | undefined;
  if (nonEmpty(fishbone.effect)) [effect, effectPath] = [fishbone.effect, ['rca', 'fishbone', 'effect']];
  else if (nonEmpty(value.title)) [effect, effectPath] = [value.title, ['title']];
  else if (nonEmpty(value.problem_statement)) [effect, effectPath] = [value.problem_statement, ['problem_statement']];

  const categories: CategoryNode[] = [];
  const rawCats = fishbone.categories;
  if (Array.isArray(rawCats)) {
    rawCats.forEach((c, i) => {
      if (!isObject(c) || typeof c.name !== 'string') return;
      const itemPath: RcaPath = ['rca', 'fishbone', 'categories', i];
      categories.push({ name: c.name, path: [...itemPath, 'name'], itemPath, causes: readCauses(c.causes, [...itemPath, 'causes']) });
    });
  }
  const categoriesFromConfig = !Array.isArray(rawCats);
  if (categoriesFromConfig) {
    for (const name of config.fishboneCategories) categories.push({ name, path: undefined, itemPath: undefined, causes: [] });
  }

  const chains: WhyChain[] = [];
  const whys = rca.five_whys;
  if (Array.isArray(whys)) {
    if (whys.length) chains.push(readChain(whys, ['rca', 'five_whys'], undefined));
  } else if (isObject(whys)) {
    for (const [name, steps] of Object.entries(whys)) chains.push(readChain(steps, ['rca', 'five_whys', name], name));
  }

  const rootCauses = Array.isArray(rca.root_causes) ? rca.root_causes.filter((r): r is string => typeof r === 'string') : [];
  return {
    id: typeof value.id === 'string' ? value.id : undefined,
    title: typeof value.title === 'string' ? value.title : undefined,
    effect,
    effectPath,
    categories,
    categoriesFromConfig,
    chains,
    rootCauses,
  };
}

/** Every cause of the fishbone, depth first, with the category it hangs on. */
export function* allCauses(model: RcaModel): IterableIterator<{ cause: CauseNode; category: CategoryNode; depth: number }> {
  function* walk(causes: CauseNode[], category: CategoryNode, depth: number): IterableIterator<{ cause: CauseNode; category: CategoryNode; depth: number }> {
    for (const cause of causes) {
      yield { cause, category, depth };
      yield* walk(cause.children, category, depth + 1);
    }
  }
  for (const category of model.categories) yield* walk(category.causes, category, 1);
}
