// The record form webview: draws the record the extension sends as a form built from its schema,
// and posts each edit (with the document version it drew) for the extension to write into the
// YAML. Every record text goes into the page through textContent or a control's value, never as
// HTML. Messages: see src/shared/form.ts; what arrives is checked before use. Bundled by
// esbuild.mjs into dist/webview/form.js, a classic script the page loads with its nonce.
import { fillLabel } from '../../shared/wire';
import { el, vscodeApi } from '../host';
import { parseFormHostMessage, parseFormLabels, type FormField, type FormHostMessage, type FormIssue, type FormOp, type FormPath, type FormWebviewMessage } from '../../shared/form';

const vscode = vscodeApi<FormWebviewMessage>();
const L = parseFormLabels(document.body.getAttribute('data-labels'));
const root = document.getElementById('form') as HTMLElement;
const banner = document.getElementById('banner') as HTMLElement;

let version = -1;
let zone = 'Z';
let issues = new Map<string, FormIssue[]>();
/** Edits wait here while one is on its way: each goes with the version the last drawing had. */
const queue: FormOp[] = [];
let waiting = false;

const keyOf = (p: FormPath) => JSON.stringify(p.map(String));

function post(m: FormWebviewMessage): void {
  vscode.postMessage(m);
}

function pump(): void {
  if (waiting || queue.length === 0) return;
  waiting = true;
  post({ type: 'edit', version, op: queue.shift()! });
}

function send(op: FormOp): void {
  queue.push(op);
  pump();
}

function button(text: string, onClick: () => void, cls = 'secondary'): HTMLButtonElement {
  const b = el('button', cls, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A field's label: the host's (in the interface's language), else the key made readable. */
function labelOf(f: FormField): string {
  if (f.label) return f.label;
  const words = f.key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function issueList(path: FormPath): HTMLElement | undefined {
  const list = issues.get(keyOf(path));
  if (!list?.length) return undefined;
  const ul = el('ul', 'issues');
  for (const i of list) {
    const li = el('li', `issue ${i.severity}`, fillLabel(L.line, i.line, i.message));
    li.dataset.code = i.code;
    ul.appendChild(li);
  }
  return ul;
}

/** A labelled block for a field: label, description, control, issues. */
function frame(f: FormField, control: HTMLElement | HTMLElement[], label = labelOf(f)): HTMLElement {
  const wrap = el('div', `field ${f.type}`);
  wrap.dataset.path = keyOf(f.path);
  const id = `f${Math.random().toString(36).slice(2)}`;
  const lab = el('label', 'label', label);
  lab.htmlFor = id;
  if (f.required) lab.appendChild(el('span', 'required', ` (${L.required})`));
  wrap.appendChild(lab);
  if (f.description) wrap.appendChild(el('p', 'desc', f.description));
  const controls = Array.isArray(control) ? control : [control];
  controls[0].id = id;
  const row = el('div', 'control');
  row.append(...controls);
  wrap.appendChild(row);
  const list = issueList(f.path);
  if (list) {
    wrap.appendChild(list);
    wrap.classList.add('has-issues');
  }
  return wrap;
}

/** A text control committing on change: a text area for prose (any character allowed), else a line. */
function textControl(value: string, path: FormPath, long: boolean, onCommit: (v: string) => void, placeholder = ''): HTMLInputElement | HTMLTextAreaElement {
  const input = long ? el('textarea') : el('input');
  if (input instanceof HTMLInputElement) input.type = 'text';
  else input.rows = Math.min(12, Math.max(2, Math.ceil(value.length / 90) + value.split('\n').length - 1));
  input.value = value;
  input.placeholder = placeholder;
  input.spellcheck = long;
  input.dataset.edit = keyOf(path);
  input.addEventListener('change', () => onCommit(input.value));
  return input;
}

const DATE_TIME = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?$/;

/** A date or date-time picker; a date-time keeps its own offset, else the workspace's `zone`. */
function dateControl(f: Extract<FormField, { type: 'text' }>, onCommit: (v: string | null) => void): HTMLElement[] {
  const input = el('input');
  input.dataset.edit = keyOf(f.path);
  if (f.format === 'date') {
    input.type = 'date';
    input.value = f.value && /^\d{4}-\d\d-\d\d$/.test(f.value) ? f.value : '';
    input.addEventListener('change', () => onCommit(input.value || null));
    return [input];
  }
  input.type = 'datetime-local';
  input.step = '1';
  const m = DATE_TIME.exec(f.value ?? '');
  const offset = m?.[3] ?? zone;
  input.value = m ? `${m[1]}T${m[2].length === 5 ? m[2] + ':00' : m[2]}` : '';
  input.addEventListener('change', () => {
    const v = input.value;
    if (!v) return onCommit(null);
    onCommit(`${v.length === 16 ? v + ':00' : v}${offset}`);
  });
  const out: HTMLElement[] = [input, el('span', 'zone', fillLabel(L.zone, offset))];
  // A value the picker cannot show stays visible as text.
  if (f.value && !m) out.push(el('span', 'raw', f.value));
  return out;
}

function setOrClear(f: FormField, v: string | number | boolean | null): void {
  const inList = typeof f.path[f.path.length - 1] === 'number';
  if ((v === '' || v === null) && (f.required || inList)) v = '';
  else if (v === '') v = null;
  send({ op: 'set', path: f.path, value: v });
}

function fieldEl(f: FormField, label?: string): HTMLElement {
  switch (f.type) {
    case 'text': {
      if (f.format === 'date' || f.format === 'date-time') return frame(f, dateControl(f, (v) => setOrClear(f, v)), label);
      const input = textControl(f.value ?? '', f.path, f.long, (v) => setOrClear(f, v));
      if (f.readonly) input.readOnly = true;
      return frame(f, input, label);
    }
    case 'enum': {
      const select = el('select');
      select.dataset.edit = keyOf(f.path);
      select.appendChild(new Option(L.notSet, ''));
      f.options.forEach((o, i) => select.appendChild(new Option(String(o), String(i))));
      const at = f.options.findIndex((o) => o === f.value);
      if (f.value !== undefined && at < 0) select.appendChild(new Option(String(f.value), 'current'));
      select.value = at >= 0 ? String(at) : f.value !== undefined ? 'current' : '';
      select.addEventListener('change', () => {
        if (select.value === 'current') return;
        setOrClear(f, select.value === '' ? null : f.options[Number(select.value)]);
      });
      return frame(f, select, label);
    }
    case 'boolean': {
      const select = el('select');
      select.dataset.edit = keyOf(f.path);
      select.append(new Option(L.notSet, ''), new Option('true', 'true'), new Option('false', 'false'));
      select.value = f.value === undefined ? '' : String(f.value);
      select.addEventListener('change', () => setOrClear(f, select.value === '' ? null : select.value === 'true'));
      return frame(f, select, label);
    }
    case 'number': {
      const input = el('input');
      input.type = 'number';
      input.dataset.edit = keyOf(f.path);
      input.value = f.value === undefined ? '' : String(f.value);
      input.addEventListener('change', () => {
        const n = Number(input.value);
        if (input.value === '') setOrClear(f, null);
        else if (Number.isFinite(n)) send({ op: 'set', path: f.path, value: n });
      });
      return frame(f, input, label);
    }
    case 'group': {
      const box = el('fieldset', 'group');
      box.dataset.path = keyOf(f.path);
      box.appendChild(el('legend', undefined, label ?? labelOf(f)));
      if (f.description) box.appendChild(el('p', 'desc', f.description));
      const list = issueList(f.path);
      if (list) box.appendChild(list);
      for (const child of f.fields) box.appendChild(fieldEl(child));
      return box;
    }
    case 'list':
      return listEl(f, label);
    case 'cause':
      return causeEl(f);
    case 'why':
      return whyEl(f);
    case 'task':
      return taskEl(f);
    case 'chains': {
      const box = el('fieldset', 'group chains');
      box.dataset.path = keyOf(f.path);
      box.appendChild(el('legend', undefined, labelOf(f)));
      if (f.description) box.appendChild(el('p', 'desc', f.description));
      f.chains.forEach((c, i) => box.appendChild(fieldEl(c.steps, c.name ?? fillLabel(L.chain, i + 1))));
      box.appendChild(chainAdder(f));
      return box;
    }
    case 'other': {
      const pre = el('pre', 'other', f.value);
      const wrap = frame(f, pre, label);
      wrap.appendChild(el('p', 'desc', L.otherValue));
      return wrap;
    }
  }
}

function listEl(f: Extract<FormField, { type: 'list' }>, label?: string): HTMLElement {
  const box = el('fieldset', `list list-${f.item}`);
  box.dataset.path = keyOf(f.path);
  box.appendChild(el('legend', undefined, label ?? labelOf(f)));
  if (f.description) box.appendChild(el('p', 'desc', f.description));
  const list = issueList(f.path);
  if (list) box.appendChild(list);
  const rows = el('ol', 'rows');
  f.items.forEach((item, i) => {
    const li = el('li', 'row');
    li.dataset.path = keyOf(item.path);
    const tools = el('div', 'row-tools');
    const up = button('↑', () => send({ op: 'move', path: f.path, from: i, to: i - 1 }));
    up.title = up.ariaLabel = L.moveUp;
    up.disabled = i === 0;
    const down = button('↓', () => send({ op: 'move', path: f.path, from: i, to: i + 1 }));
    down.title = down.ariaLabel = L.moveDown;
    down.disabled = i === f.items.length - 1;
    const remove = button('✕', () => send({ op: 'remove', path: item.path }));
    remove.title = remove.ariaLabel = L.remove;
    remove.classList.add('remove');
    tools.append(up, down, remove);
    const body = item.type === 'group' && f.item === 'category' ? categoryEl(item) : fieldEl(item, `${i + 1}`);
    li.append(body, tools);
    rows.appendChild(li);
  });
  box.appendChild(rows);
  if (f.item !== 'other') box.appendChild(adder(f));
  return box;
}

/** The "add a row" line of a list: what it asks for depends on the rows. */
function adder(f: Extract<FormField, { type: 'list' }>): HTMLElement {
  if (f.item === 'why') return whyAdder(f.path, L.addStep);
  if (f.item === 'task') return taskAdder(f.path);
  const line = el('div', 'adder');
  const input = el('input');
  input.type = 'text';
  input.placeholder = L.newItem;
  input.dataset.add = keyOf(f.path);
  const words = f.item === 'cause' ? (f.key === 'because' ? L.addSubCause : L.addCause) : f.item === 'category' ? L.addCategory : f.key === 'evidence' ? L.addEvidence : L.add;
  const add = () => {
    const v = input.value;
    if (!v.trim()) return input.focus();
    const item: string | Record<string, string> = f.item === 'category' ? { name: v } : v;
    input.value = '';
    send({ op: 'add', path: f.path, item });
  };
  input.addEventListener('keydown', (e) => e.key === 'Enter' && add());
  input.ariaLabel = words;
  line.append(input, button(words, add, 'add'));
  return line;
}

/** A one-line text input for an adder, its Enter running `add`. */
function adderInput(placeholder: string, attr: string, path: FormPath, add: () => void): HTMLInputElement {
  const input = el('input');
  input.type = 'text';
  input.placeholder = input.ariaLabel = placeholder;
  input.setAttribute(attr, keyOf(path));
  input.addEventListener('keydown', (e) => e.key === 'Enter' && add());
  return input;
}

/** The "add a step" line of a 5 Whys chain: the question and its answer (either may wait). */
function whyAdder(path: FormPath, words: string): HTMLElement {
  const line = el('div', 'adder why-adder');
  const add = () => {
    const step: Record<string, string> = {};
    if (why.value.trim()) step.why = why.value;
    if (because.value.trim()) step.because = because.value;
    if (!step.why && !step.because) return why.focus();
    why.value = because.value = '';
    send({ op: 'add', path, item: step });
  };
  const why = adderInput(L.newWhy, 'data-add', path, add);
  const because = adderInput(L.newBecause, 'data-add-because', path, add);
  line.append(why, because, button(words, add, 'add'));
  return line;
}

/** The "add a chain" line of the 5 Whys: the new chain's name; the one chain written as a list is named as the form shows it. */
function chainAdder(f: Extract<FormField, { type: 'chains' }>): HTMLElement {
  const line = el('div', 'adder chain-adder');
  const add = () => {
    const name = input.value.trim();
    if (!name) return input.focus();
    input.value = '';
    send({ op: 'addChain', path: f.path, name, first: fillLabel(L.chain, 1) });
  };
  const input = adderInput(L.newChain, 'data-add-chain', f.path, add);
  line.append(input, button(L.addChain, add, 'add'));
  return line;
}

/** The "add evidence" line of a cause that has none yet, or one fact written as text. */
function evidenceAdder(f: Extract<FormField, { type: 'cause' }>): HTMLElement {
  const path = [...f.path, 'evidence'];
  const line = el('div', 'adder evidence-adder');
  const add = () => {
    const v = input.value;
    if (!v.trim()) return input.focus();
    input.value = '';
    send({ op: 'add', path, item: v });
  };
  const input = adderInput(L.evidence, 'data-add', path, add);
  line.append(input, button(L.addEvidence, add, 'add'));
  return line;
}

/** A still-to-do task (`open`, `in-progress`, or no status): it can be marked done. */
const isActive = (status: string | undefined) => status === undefined || status === 'open' || status === 'in-progress';

/**
 * A problem task: its id, how overdue it is and a "mark done" button on one line, then its fields
 * (the id only when it has none). The schema's words for each field ride on its label's tooltip.
 */
function taskEl(f: Extract<FormField, { type: 'task' }>): HTMLElement {
  const active = isActive(f.status);
  const box = el('div', `task${active ? '' : ' finished'}${f.overdueDays > 0 ? ' overdue' : ''}`);
  box.dataset.path = keyOf(f.path);
  const head = el('div', 'task-head');
  head.appendChild(el('span', 'task-id', f.id ?? f.key));
  if (f.overdueDays > 0) head.appendChild(el('span', 'task-overdue', f.overdueDays === 1 ? L.overdueOne : fillLabel(L.overdueMany, f.overdueDays)));
  if (active) {
    const done = button(L.markDone, () => send({ op: 'taskDone', path: f.path }), 'task-done');
    done.dataset.done = keyOf(f.path);
    head.appendChild(done);
  }
  box.appendChild(head);
  const list = issueList(f.path) ?? (f.id !== undefined ? issueList([...f.path, 'id']) : undefined);
  if (list) box.appendChild(list);
  const grid = el('div', 'task-fields');
  for (const child of f.fields) {
    if (child.key === 'id' && f.id !== undefined) continue;
    const shown: FormField = child.type === 'text' && child.key === 'title' ? { ...child, long: (child.value ?? '').includes('\n') } : child;
    const node = fieldEl({ ...shown, description: undefined });
    if (child.description) node.querySelector('label')?.setAttribute('title', child.description);
    grid.appendChild(node);
  }
  box.appendChild(grid);
  return box;
}

/** The "add a task" line: what is to be done, and (either may wait) its owner and due date. */
function taskAdder(path: FormPath): HTMLElement {
  const line = el('div', 'adder task-adder');
  const add = () => {
    const title = input.value.trim();
    if (!title) return input.focus();
    const op: Extract<FormOp, { op: 'addTask' }> = { op: 'addTask', path, title };
    if (owner.value.trim()) op.owner = owner.value.trim();
    if (due.value) op.due = due.value;
    input.value = owner.value = due.value = '';
    send(op);
  };
  const input = adderInput(L.newTask, 'data-add', path, add);
  const owner = adderInput(L.owner, 'data-add-owner', path, add);
  const due = el('input');
  due.type = 'date';
  due.ariaLabel = due.title = L.due;
  due.setAttribute('data-add-due', keyOf(path));
  line.append(input, owner, due, button(L.addTask, add, 'add'));
  return line;
}

/** A fishbone category: its name, then its causes. */
function categoryEl(f: Extract<FormField, { type: 'group' }>): HTMLElement {
  const box = el('div', 'category');
  box.dataset.path = keyOf(f.path);
  for (const child of f.fields) box.appendChild(fieldEl(child));
  return box;
}

function causeEl(f: Extract<FormField, { type: 'cause' }>): HTMLElement {
  const box = el('div', `cause${f.rootCause ? ' root' : ''}`);
  box.dataset.path = keyOf(f.path);
  const text = textControl(f.text, f.textPath, true, (v) => send({ op: 'set', path: f.textPath, value: v }));
  text.ariaLabel = L.cause;
  const toggle = el('label', 'root-toggle');
  const check = el('input');
  check.type = 'checkbox';
  check.checked = f.rootCause;
  check.dataset.root = keyOf(f.path);
  check.addEventListener('change', () => send({ op: 'rootCause', path: f.path, on: check.checked }));
  toggle.append(check, document.createTextNode(` ${L.rootCause}`));
  box.append(text, toggle);
  const list = issueList(f.path) ?? issueList(f.textPath);
  if (list) box.appendChild(list);
  if (f.evidence) box.appendChild(fieldEl(f.evidence, L.evidence));
  if (f.evidence?.type !== 'list') box.appendChild(evidenceAdder(f));
  if (f.because.type === 'list') box.appendChild(listEl(f.because, L.because));
  return box;
}

function whyEl(f: Extract<FormField, { type: 'why' }>): HTMLElement {
  const box = el('div', 'why');
  box.dataset.path = keyOf(f.path);
  const why = textControl(f.why, f.whyPath, true, (v) => send({ op: 'set', path: f.whyPath, value: v }), L.why);
  const because = textControl(f.because, f.becausePath, true, (v) => send({ op: 'set', path: f.becausePath, value: v }), L.because);
  why.ariaLabel = L.why;
  because.ariaLabel = L.because;
  box.append(el('span', 'why-label', L.why), why, el('span', 'why-label', L.because), because);
  const list = issueList(f.path) ?? issueList(f.whyPath) ?? issueList(f.becausePath);
  if (list) box.appendChild(list);
  return box;
}

function draw(m: FormHostMessage): void {
  version = m.version;
  zone = m.zone;
  issues = new Map();
  for (const i of m.issues) {
    const k = keyOf(i.path);
    issues.set(k, [...(issues.get(k) ?? []), i]);
  }
  // Keep the focus and the caret where they were across the redraw.
  const active = document.activeElement as (HTMLInputElement & HTMLTextAreaElement) | null;
  const attr = (['edit', 'add', 'addBecause', 'addChain', 'addOwner'] as const).find((k) => active?.dataset?.[k]);
  const focusKey = attr ? `[data-${attr.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}="${CSS.escape(active!.dataset[attr]!)}"]` : undefined;
  const selection = active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : undefined;
  const typed = attr && attr !== 'edit' ? active!.value : undefined;

  const texts = document.getElementById('banner-text') as HTMLElement;
  const list = document.getElementById('banner-issues') as HTMLElement;
  const top = m.issues.filter((i) => i.path.length === 0);
  banner.hidden = !m.readOnly && top.length === 0 && m.records <= 1;
  banner.classList.toggle('read-only', m.readOnly);
  texts.textContent = m.readOnly ? L.readOnly : m.records > 1 ? fillLabel(L.moreRecords, m.records) : L.recordIssues;
  list.replaceChildren(...top.map((i) => el('li', `issue ${i.severity}`, fillLabel(L.line, i.line, i.message))));
  (document.getElementById('open-yaml') as HTMLElement).hidden = !m.readOnly;

  const frag = document.createDocumentFragment();
  if (m.form) {
    const head = el('h1', undefined, m.form.id ?? '');
    frag.appendChild(head);
    for (const f of m.form.fields) frag.appendChild(fieldEl(f));
  }
  root.replaceChildren(frag);
  root.classList.toggle('read-only', m.readOnly);

  if (focusKey) {
    const again = root.querySelector<HTMLInputElement>(focusKey);
    if (again) {
      again.focus();
      if (typed !== undefined) again.value = typed;
      try {
        if (selection && selection[0] !== null) again.setSelectionRange(selection[0], selection[1]);
      } catch {
        // Pickers and selects have no caret.
      }
    }
  }
  post({ type: 'rendered', version, fields: root.querySelectorAll('.field, .cause, .why').length });
}

window.addEventListener('message', (e: MessageEvent) => {
  const m = parseFormHostMessage(e.data);
  if (!m) return;
  waiting = false;
  draw(m);
  pump();
});

(document.getElementById('open-yaml') as HTMLButtonElement).addEventListener('click', () => post({ type: 'openYaml' }));
post({ type: 'ready' });
