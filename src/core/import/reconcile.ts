/**
 * What to do with a record file that already exists: leave it (unchanged), update the fields that
 * came from the source in place, or skip it because the user changed them since the import.
 *
 * Edit detection: `source.hash` is the hash of the source-derived fields as they were written. If
 * the file's current values of those fields no longer hash to it, someone edited them, and the
 * import leaves the file alone. Fields the source does not fill (analysis, links, notes) are the
 * user's and never touched.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';
import { t } from '../base/l10n';
import { fieldsHash, getPath } from './hash';
import { orderOfKey, type CompiledMapping, type ImportKind } from './mapping';
import type { FreshRecord } from './record';
import type { SkipCode } from './types';

export type Reconciled =
  | { action: 'unchanged' }
  | { action: 'update'; text: string; changed: string[] }
  | { action: 'skip'; code: SkipCode; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return false;
}

/** Sets a value, adding a missing key where the schema order puts it rather than at the end. */
function setOrdered(doc: Document, path: readonly string[], value: unknown, kind: ImportKind): void {
  let parent: unknown = doc.contents;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isMap(parent)) break;
    let next: unknown = parent.get(path[i], true);
    if (!isMap(next)) {
      const created = doc.createNode({}) as YAMLMap;
      insertPair(doc, parent, path.slice(0, i), path[i], created, kind);
      next = created;
    }
    parent = next;
  }
  if (!isMap(parent)) {
    doc.setIn(path, value);
    return;
  }
  const key = path[path.length - 1];
  const existing = parent.get(key, true);
  if (isScalar(existing) && (value === null || typeof value !== 'object')) {
    existing.value = value; // keeps the node's comment and quoting style
    if (typeof value === 'string' && existing.type === 'PLAIN' && ambiguousIn11(value)) existing.type = 'QUOTE_SINGLE';
  } else if (parent.has(key)) {
    parent.set(key, nodeFor(doc, value));
  } else {
    insertPair(doc, parent, path.slice(0, -1), key, nodeFor(doc, value), kind);
  }
}

/**
 * Strings that YAML 1.1 readers (PyYAML, js-yaml's default schema) would take for a date or a
 * boolean. New records quote them (js-yaml does); updates must too, or an edited file would read
 * differently in other tools.
 */
function ambiguousIn11(s: string): boolean {
  return /^\d{4}-\d\d?-\d\d?(?:[Tt ]|$)/.test(s) || /^(?:y|n|yes|no|on|off)$/i.test(s);
}

function nodeFor(doc: Document, value: unknown): unknown {
  const node = doc.createNode(value);
  if (isScalar(node) && typeof value === 'string' && ambiguousIn11(value)) node.type = 'QUOTE_SINGLE';
  return node;
}

function insertPair(doc: Document, map: YAMLMap, parentPath: readonly string[], key: string, node: unknown, kind: ImportKind): void {
  const want = orderOfKey(parentPath, key, kind);
  let at = map.items.length;
  for (let i = 0; i < map.items.length; i++) {
    const k = map.items[i].key;
    const name = typeof k === 'object' && k !== null && 'value' in k ? String((k as { value: unknown }).value) : String(k);
    if (orderOfKey(parentPath, name, kind) > want) {
      at = i;
      break;
    }
  }
  map.items.splice(at, 0, doc.createPair(key, node));
}

/** Removes a key and then any mapping it leaves empty. */
function deletePruning(doc: Document, path: readonly string[]): void {
  doc.deleteIn(path);
  for (let i = path.length - 1; i > 0; i--) {
    const parent = doc.getIn(path.slice(0, i), true);
    if (isMap(parent) && parent.items.length === 0) doc.deleteIn(path.slice(0, i));
    else break;
  }
}

/**
 * Compares an existing record file with a freshly mapped record of the same id.
 * `rowIds` says ids are row numbers, which only match records from the same file.
 */
export function reconcile(existingText: string, fresh: FreshRecord, mapping: CompiledMapping, rowIds: boolean): Reconciled {
  const file = `${fresh.id}.yaml`;
  let existing: unknown;
  try {
    existing = load(existingText, { schema: CORE_SCHEMA });
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { action: 'skip', code: 'unreadable-record', reason: t('{0} exists but is not valid YAML ({1}); fix or delete it', file, detail) };
  }
  if (!isObj(existing) || existing.kind !== mapping.kind) {
    const reason = mapping.kind === 'problem' ? t('{0} exists but is not a problem record; it was left as it is', file) : t('{0} exists but is not an incident record; it was left as it is', file);
    return { action: 'skip', code: 'unreadable-record', reason };
  }
  const source = existing.source;
  const stored = isObj(source) ? source.hash : undefined;
  if (typeof stored !== 'string') {
    return { action: 'skip', code: 'not-imported', reason: t('{0} exists and was not made by kedb import (it has no source.hash); it was left as it is', file) };
  }
  const dataset = (source as Record<string, unknown>).dataset;
  if (dataset !== mapping.dataset) {
    return {
      action: 'skip',
      code: 'other-dataset',
      reason: t('{0} was imported from dataset {1}, not {2}; import each dataset into its own folder', file, JSON.stringify(dataset), JSON.stringify(mapping.dataset)),
    };
  }
  const freshFile = getPath(fresh.value, ['source', 'file']);
  const oldFile = (source as Record<string, unknown>).file;
  if (rowIds && oldFile !== freshFile) {
    return {
      action: 'skip',
      code: 'other-file',
      reason: t('{0} came from {1}; ids made from row numbers only match rows of the same file, so import {2} into another folder', file, JSON.stringify(oldFile), JSON.stringify(freshFile)),
    };
  }
  if (fieldsHash(existing, mapping.hashPaths) !== stored) {
    return { action: 'skip', code: 'edited', reason: t('edited since import') };
  }
  if (stored === fresh.hash) return { action: 'unchanged' };

  const doc = parseDocument(existingText);
  const changed: string[] = [];
  for (const path of mapping.hashPaths) {
    const next = getPath(fresh.value, path);
    const prev = getPath(existing, path);
    if (sameValue(prev, next)) continue;
    changed.push(path.join('.'));
    if (next === undefined) deletePruning(doc, path);
    else setOrdered(doc, path, next, mapping.kind);
  }
  for (const path of mapping.provenancePaths) {
    const next = getPath(fresh.value, path);
    if (next !== undefined && !sameValue(getPath(existing, path), next)) setOrdered(doc, path, next, mapping.kind);
  }
  setOrdered(doc, ['source', 'hash'], fresh.hash, mapping.kind);
  return { action: 'update', text: doc.toString({ lineWidth: 0 }), changed };
}
