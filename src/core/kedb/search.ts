/**
 * Search Known Errors and the incident ↔ known error matches: the known errors of a workspace in a
 * text index over their titles, symptoms and root causes, queried by a search string or by an
 * incident's title, description and body.
 */
import { isClosedIncident } from '../records/states';
import { isMap, isScalar } from 'yaml';
import type { DetectionSettings } from '../records/config';
import { parseRangedFile } from '../records/parse';
import type { RecordStore } from '../workspace/store';
import type { RecordEntry } from '../records/entry';
import { str, strings } from './model';
import { knownErrorState, type KnownErrorState } from './states';
import { TextIndex, type WeightedText } from './textIndex';

/** How much each known-error field counts. Symptoms are what an incident reports, so they count most with the title. */
export const KNOWN_ERROR_WEIGHTS = { title: 2, symptoms: 2, rootCauses: 1 };

export interface KnownErrorHit {
  id: string;
  file: string;
  ordinal: number;
  problem: string | undefined;
  title: string;
  workaround: string | undefined;
  /** `draft`, `published` or `retired`: searches show drafts marked, and retired ones only when asked. */
  state: KnownErrorState;
  score: number;
}

export interface KnownErrorSearchOptions {
  /** Let retired known errors in (last). Default false. */
  includeRetired?: boolean;
}

const STATE_RANK: Record<KnownErrorState, number> = { published: 0, draft: 1, retired: 2 };

/** Published first, then drafts, then retired ones; by score within each. */
export function byStateThenScore(a: KnownErrorHit, b: KnownErrorHit): number {
  return STATE_RANK[a.state] - STATE_RANK[b.state] || b.score - a.score;
}

function knownErrorText(r: RecordEntry): WeightedText {
  const v = r.value;
  return {
    fields: [
      { text: str(v.title), weight: KNOWN_ERROR_WEIGHTS.title },
      { text: strings(v.symptoms).join('\n'), weight: KNOWN_ERROR_WEIGHTS.symptoms },
      { text: strings(v.root_causes).join('\n'), weight: KNOWN_ERROR_WEIGHTS.rootCauses },
    ],
  };
}

/** An incident's text, weighted as the candidate detector weighs it. */
export function incidentText(value: Record<string, unknown>, weights: DetectionSettings['text']['weights']): WeightedText {
  return {
    fields: [
      { text: str(value.title), weight: weights.title },
      { text: str(value.description), weight: weights.description },
      { text: str(value.body), weight: weights.body, body: true },
    ],
  };
}

/** The known errors of a workspace, ready to be searched. Built once, queried many times. */
export class KnownErrorIndex {
  private constructor(
    private readonly records: RecordEntry[],
    private readonly index: TextIndex,
  ) {}

  static build(records: Iterable<RecordEntry>): KnownErrorIndex {
    const list = [...records].filter((r) => r.kind === 'known_error' && r.id !== undefined);
    return new KnownErrorIndex(list, TextIndex.build(list.map(knownErrorText)));
  }

  get size(): number {
    return this.records.length;
  }

  /**
   * Every hit from `threshold` up, retired ones left out unless asked, then the first `limit`:
   * published first, drafts after them, each by score.
   */
  private hits(text: WeightedText, limit: number, threshold: number, options: KnownErrorSearchOptions): KnownErrorHit[] {
    const found = this.index.query(text, this.records.length, threshold);
    const out: KnownErrorHit[] = [];
    for (const { doc, score } of found) {
      const r = this.records[doc];
      const state = knownErrorState(r.value);
      if (state === 'retired' && !options.includeRetired) continue;
      out.push({ id: r.id!, file: r.file, ordinal: r.ordinal, problem: str(r.value.problem), title: str(r.value.title) ?? '', workaround: str(r.value.workaround), state, score });
    }
    return out.sort(byStateThenScore).slice(0, limit);
  }

  /** The known errors that best match a search string: published first, then drafts; retired ones only when asked. */
  search(query: string, limit = 20, threshold = 0, options: KnownErrorSearchOptions = {}): KnownErrorHit[] {
    return this.hits({ fields: [{ text: query, weight: 1 }] }, limit, threshold, options);
  }

  /** The known errors whose symptoms an incident's text resembles, from `threshold` up: published first, then drafts; never retired ones. */
  matchIncident(value: Record<string, unknown>, weights: DetectionSettings['text']['weights'], threshold: number, limit: number): KnownErrorHit[] {
    return this.hits(incidentText(value, weights), limit, threshold, {});
  }
}

/**
 * The index of a workspace's known errors, rebuilt only when one of them changes: a change event
 * for a known-error file, a known error's record replaced (a reload from disk), or a record more
 * or fewer. Checking costs one pass over the known errors, not over the workspace.
 */
export class KnownErrorCache {
  private built: { ws: RecordStore; index: KnownErrorIndex; entries: RecordEntry[]; files: Set<string>; count: number } | undefined;
  private dirty = true;
  private subscription: { dispose(): void } | undefined;

  get(ws: RecordStore): KnownErrorIndex {
    if (this.built?.ws !== ws) {
      this.subscription?.dispose();
      this.subscription = ws.onDidChange(({ paths }) => {
        const b = this.built;
        if (!this.dirty && b && paths.some((p) => b.files.has(p) || ws.recordsInFile(p).some((r) => r.kind === 'known_error'))) this.dirty = true;
      });
      this.dirty = true;
    }
    if (!this.dirty && this.built && !this.current(this.built, ws)) this.dirty = true;
    if (this.dirty || !this.built) {
      const entries = [...ws.records('known_error')];
      this.built = { ws, index: KnownErrorIndex.build(entries), entries, files: new Set(entries.map((r) => r.file)), count: ws.recordCount };
      this.dirty = false;
    }
    return this.built.index;
  }

  private current(b: NonNullable<KnownErrorCache['built']>, ws: RecordStore): boolean {
    if (ws.recordCount !== b.count) return false;
    for (const r of b.entries) if (ws.recordsInFile(r.file)[r.ordinal] !== r) return false;
    return true;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.built = undefined;
  }
}

/** A match shown above an incident: its record in the file, where the lens goes, the known error. */
export interface IncidentMatch {
  ordinal: number;
  /** Offset of the incident's `title` key (or its first key): where the CodeLens sits. */
  offset: number;
  hit: KnownErrorHit;
}


/**
 * The known-error matches of each incident in a file's text, as the editor shows them while the
 * incident is written: open incidents that belong to no problem yet, from the workspace's
 * `lifecycle.matching` threshold up.
 */
export function incidentMatches(ws: RecordStore, index: KnownErrorIndex, text: string): IncidentMatch[] {
  const ranged = parseRangedFile(text, ws.config);
  const out: IncidentMatch[] = [];
  const { matchThreshold, matchLimit } = ws.config.lifecycle;
  ranged.records.forEach((r, ordinal) => {
    if (r.kind !== 'incident' || r.value.problem !== undefined || isClosedIncident(r.value)) return;
    const hits = index.matchIncident(r.value, ws.config.detection.text.weights, matchThreshold, matchLimit);
    if (hits.length === 0) return;
    const contents = ranged.documents[r.docIndex].contents;
    const pairs = isMap(contents) ? contents.items : [];
    const title = pairs.find((p) => isScalar(p.key) && p.key.value === 'title') ?? pairs[0];
    const offset = (title && isScalar(title.key) ? title.key.range?.[0] : undefined) ?? contents?.range?.[0] ?? 0;
    for (const hit of hits) out.push({ ordinal, offset, hit });
  });
  return out;
}
