/**
 * The messages between the record form webview (src/webview/form/) and its custom editor
 * (src/extension/form/), with the checks each side runs on what it receives: the page shows
 * record text, so nothing it sends is trusted, and what it gets is checked before it is drawn.
 * The field model is `FormField` of src/core/records/form.ts (the host sends that one), imported
 * as a type only: at run time the file needs only src/shared, bundled into the host and the browser.
 */
import { isObj, isStr } from './wire';

export const FORM_VIEW_TYPE = 'kedb.recordForm';

// The field model is the core's (src/core/records/form.ts): a type-only import, erased from both bundles.
import type { FormField, FormIssue, FormOp, FormPath } from '../core/records';

export type { FormField, FormIssue, FormOp, FormPath };
export type FormSegment = FormPath[number];

export interface FormModel {
  kind: string;
  id?: string;
  fields: FormField[];
}

/**
 * `render`: the record as the document is at `version`; `form` is null when the file cannot be
 * edited as a form (YAML syntax errors, no record), and then `readOnly` says so.
 */
export type FormHostMessage = { type: 'render'; version: number; form: FormModel | null; issues: FormIssue[]; readOnly: boolean; records: number; zone: string };

/** `edit` carries the document version the page drew; the host refuses it when the text moved on. */
export type FormWebviewMessage =
  | { type: 'ready' }
  | { type: 'edit'; version: number; op: FormOp }
  | { type: 'openYaml' }
  | { type: 'rendered'; version: number; fields: number };

/** The page's words, built by the host with `t()` (`formLabels` in src/extension/form/html.ts). */
export interface FormLabels {
  title: string;
  openYaml: string;
  readOnly: string;
  add: string;
  remove: string;
  moveUp: string;
  moveDown: string;
  rootCause: string;
  addCause: string;
  addSubCause: string;
  addCategory: string;
  addStep: string;
  why: string;
  because: string;
  chain: string;
  newItem: string;
  notSet: string;
  zone: string;
  otherValue: string;
  recordIssues: string;
  moreRecords: string;
  line: string;
  evidence: string;
  required: string;
  cause: string;
  addEvidence: string;
  addChain: string;
  newChain: string;
  newWhy: string;
  newBecause: string;
  addTask: string;
  newTask: string;
  owner: string;
  due: string;
  markDone: string;
  overdueOne: string;
  overdueMany: string;
}

export const FORM_LABELS_EN: Readonly<FormLabels> = {
  title: 'Record form',
  openYaml: 'Open as YAML',
  readOnly: 'This file has YAML syntax errors, so the form is read-only. Fix them in the YAML editor.',
  add: 'Add',
  remove: 'Remove',
  moveUp: 'Move up',
  moveDown: 'Move down',
  rootCause: 'Root cause',
  addCause: 'Add cause',
  addSubCause: 'Add sub-cause',
  addCategory: 'Add category',
  addStep: 'Add step',
  why: 'Why?',
  because: 'Because',
  chain: 'Chain {0}',
  newItem: 'New item…',
  notSet: '(not set)',
  zone: 'Time zone {0}',
  otherValue: 'Edit this value in the YAML editor.',
  recordIssues: 'Issues of the record',
  moreRecords: 'This file holds {0} records; the form shows the first.',
  line: 'Line {0}: {1}',
  evidence: 'Evidence',
  required: 'required',
  cause: 'Cause',
  addEvidence: 'Add evidence',
  addChain: 'Add chain',
  newChain: 'Name of the new chain…',
  newWhy: 'Why did it happen?',
  newBecause: 'Because…',
  addTask: 'Add task',
  newTask: 'What is to be done?',
  owner: 'Owner',
  due: 'Due',
  markDone: 'Mark done',
  overdueOne: '1 day overdue',
  overdueMany: '{0} days overdue',
};

/** The page's `data-labels` attribute as labels: each that is a string, else the English one. */
export function parseFormLabels(json: string | undefined | null): FormLabels {
  const out: FormLabels = { ...FORM_LABELS_EN };
  let v: unknown;
  try {
    v = JSON.parse(json || '{}');
  } catch {
    return out;
  }
  if (!isObj(v)) return out;
  for (const k of Object.keys(FORM_LABELS_EN) as (keyof FormLabels)[]) if (typeof v[k] === 'string') out[k] = v[k];
  return out;
}

const MAX_DEPTH = 40;
const isSeg = (s: unknown): s is FormSegment => (typeof s === 'string' && s.length <= 1000) || (Number.isInteger(s) && (s as number) >= 0 && (s as number) < 1_000_000);
export const isFormPath = (p: unknown): p is FormPath => Array.isArray(p) && p.length <= MAX_DEPTH && p.every(isSeg);
const isOptStr = (v: unknown) => v === undefined || isStr(v, 1_000_000);
const isScalarValue = (v: unknown) => v === undefined || isStr(v, 1_000_000) || (typeof v === 'number' && Number.isFinite(v));

/** True for a field as the host must send it (checked all the way down). */
export function isFormField(v: unknown, depth = 0): v is FormField {
  if (!isObj(v) || depth > MAX_DEPTH * 3 || !isFormPath(v.path) || !isStr(v.key, 1000) || !isStr(v.label, 1000) || !isOptStr(v.description) || typeof v.required !== 'boolean') return false;
  const fields = (xs: unknown) => Array.isArray(xs) && xs.every((x) => isFormField(x, depth + 1));
  switch (v.type) {
    case 'text':
      return isOptStr(v.value) && typeof v.long === 'boolean' && isOptStr(v.format) && (v.readonly === undefined || typeof v.readonly === 'boolean');
    case 'enum':
      return isScalarValue(v.value) && Array.isArray(v.options) && v.options.every((o) => isScalarValue(o) && o !== undefined);
    case 'boolean':
      return v.value === undefined || typeof v.value === 'boolean';
    case 'number':
      return v.value === undefined || (typeof v.value === 'number' && Number.isFinite(v.value));
    case 'group':
      return typeof v.present === 'boolean' && fields(v.fields);
    case 'list':
      return ['text', 'cause', 'category', 'why', 'task', 'other'].includes(v.item as string) && fields(v.items);
    case 'task':
      return isOptStr(v.id) && isOptStr(v.status) && Number.isInteger(v.overdueDays) && (v.overdueDays as number) >= 0 && fields(v.fields);
    case 'cause':
      return isStr(v.text, 1_000_000) && isFormPath(v.textPath) && typeof v.rootCause === 'boolean' && (v.evidence === undefined || isFormField(v.evidence, depth + 1)) && isFormField(v.because, depth + 1);
    case 'why':
      return isStr(v.why, 1_000_000) && isFormPath(v.whyPath) && isStr(v.because, 1_000_000) && isFormPath(v.becausePath);
    case 'chains':
      return Array.isArray(v.chains) && v.chains.every((c) => isObj(c) && isOptStr(c.name) && isFormField(c.steps, depth + 1));
    case 'other':
      return isStr(v.value, 1_000_000);
    default:
      return false;
  }
}

function isFormIssue(v: unknown): v is FormIssue {
  return isObj(v) && isFormPath(v.path) && (v.severity === 'error' || v.severity === 'warning' || v.severity === 'info') && isStr(v.message) && isStr(v.code, 100) && Number.isInteger(v.line);
}

/** A message from the host as the page may use it, or undefined. */
export function parseFormHostMessage(v: unknown): FormHostMessage | undefined {
  if (!isObj(v) || v.type !== 'render' || !Number.isInteger(v.version) || typeof v.readOnly !== 'boolean' || !Number.isInteger(v.records) || !isStr(v.zone, 10)) return undefined;
  let form: FormModel | null = null;
  if (v.form !== null) {
    const f = v.form;
    if (!isObj(f) || !isStr(f.kind, 100) || !isOptStr(f.id) || !Array.isArray(f.fields) || !f.fields.every((x) => isFormField(x))) return undefined;
    form = { kind: f.kind, id: f.id as string | undefined, fields: f.fields as FormField[] };
  }
  const issues = Array.isArray(v.issues) ? v.issues.filter(isFormIssue) : [];
  return { type: 'render', version: v.version as number, form, issues, readOnly: v.readOnly, records: v.records as number, zone: v.zone };
}

function isFormOp(v: unknown): v is FormOp {
  if (!isObj(v) || !isFormPath(v.path)) return false;
  switch (v.op) {
    case 'set':
      return v.path.length > 0 && (v.value === null || typeof v.value === 'boolean' || isStr(v.value, 1_000_000) || (typeof v.value === 'number' && Number.isFinite(v.value)));
    case 'add':
      return isStr(v.item, 1_000_000) || (isObj(v.item) && Object.keys(v.item).length <= 10 && Object.values(v.item).every((x) => isStr(x, 1_000_000)));
    case 'remove':
      return v.path.length > 0;
    case 'move':
      return Number.isInteger(v.from) && Number.isInteger(v.to) && (v.from as number) >= 0 && (v.to as number) >= 0;
    case 'rootCause':
      return typeof v.on === 'boolean';
    case 'addChain':
      return isStr(v.name, 1000) && isStr(v.first, 1000);
    case 'addTask':
      return isStr(v.title, 1_000_000) && (v.owner === undefined || isStr(v.owner, 1000)) && (v.due === undefined || isStr(v.due, 100));
    case 'taskDone':
      return v.path.length === 2;
    default:
      return false;
  }
}

/** True for a well-formed message from the form page. */
export function isFormWebviewMessage(m: unknown): m is FormWebviewMessage {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'ready':
    case 'openYaml':
      return true;
    case 'edit':
      return Number.isInteger(m.version) && isFormOp(m.op);
    case 'rendered':
      return Number.isInteger(m.version) && Number.isInteger(m.fields);
    default:
      return false;
  }
}
