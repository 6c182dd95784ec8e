// The KEDB table webview: sorts and filters the rows the extension sends, and asks it to open a
// record on a click. Every record text goes into the page through textContent, never as HTML.
// Messages: see src/extension/kedb/tableProtocol.ts; what arrives is checked before use.
// @ts-check
(function () {
  const vscode = acquireVsCodeApi();
  /** @type {Array<Record<string, any>>} */
  let rows = [];
  const saved = vscode.getState() || {};
  const state = { filter: typeof saved.filter === 'string' ? saved.filter : '', status: typeof saved.status === 'string' ? saved.status : '', sort: typeof saved.sort === 'string' ? saved.sort : 'problem', desc: saved.desc === true };

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const tbody = /** @type {HTMLTableSectionElement} */ (document.querySelector('#kedb tbody'));
  const filter = /** @type {HTMLInputElement} */ ($('filter'));
  const status = /** @type {HTMLSelectElement} */ ($('status'));
  filter.value = state.filter;

  // The words this script writes, in the user's language: the extension puts them in the page as
  // the JSON data-labels attribute (see TableLabels in src/extension/kedb/tableProtocol.ts). Each
  // goes in through textContent, title or new Option, never as HTML; a missing one is English.
  /** @type {Record<string, any>} */
  const L = (() => {
    try {
      const v = JSON.parse(document.body.getAttribute('data-labels') || '{}');
      return v && typeof v === 'object' ? v : {};
    } catch {
      return {};
    }
  })();
  const word = (/** @type {string} */ key, /** @type {string} */ english) => (typeof L[key] === 'string' ? L[key] : english);
  const fill = (/** @type {string} */ text, /** @type {Array<string|number>} */ ...args) => text.replace(/\{(\d+)\}/g, (whole, n) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
  const statuses = L.statuses && typeof L.statuses === 'object' ? L.statuses : {};

  const STRING_FIELDS = ['id', 'problem', 'title', 'workaround', 'fixStatus', 'fixDescription', 'problemStatus', 'folder'];
  /** A row as the extension must send it; anything else is dropped. */
  function validRow(/** @type {any} */ r) {
    return r && typeof r === 'object' && STRING_FIELDS.every((k) => typeof r[k] === 'string') &&
      Array.isArray(r.symptoms) && r.symptoms.every((/** @type {unknown} */ s) => typeof s === 'string') &&
      Array.isArray(r.rootCauses) && r.rootCauses.every((/** @type {unknown} */ s) => typeof s === 'string');
  }

  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const FIX_ORDER = ['open', 'planned', 'in-progress', 'ongoing', 'done'];
  function sortKey(/** @type {Record<string, any>} */ r, /** @type {string} */ key) {
    if (key === 'symptoms' || key === 'rootCauses') return r[key].join('; ');
    if (key === 'fixStatus') return String(FIX_ORDER.indexOf(r.fixStatus) + 1).padStart(2, '0') + r.fixStatus;
    return r[key] || '';
  }
  function haystack(/** @type {Record<string, any>} */ r) {
    return [r.id, r.problem, r.title, r.workaround, r.fixStatus, r.fixDescription, r.problemStatus, ...r.symptoms, ...r.rootCauses].join('\n').toLowerCase();
  }

  function cell(/** @type {string} */ tag, /** @type {string[] | string} */ content) {
    const td = document.createElement(tag);
    if (Array.isArray(content)) {
      if (content.length > 1) {
        const ul = document.createElement('ul');
        for (const item of content) {
          const li = document.createElement('li');
          li.textContent = item;
          ul.appendChild(li);
        }
        td.appendChild(ul);
      } else td.textContent = content[0] || '';
    } else td.textContent = content;
    return td;
  }

  function label(/** @type {string} */ s) {
    if (typeof statuses[s] === 'string') return statuses[s];
    return s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ') : '';
  }

  function render() {
    const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = rows
      .filter((r) => (!state.status || r.fixStatus === state.status) && words.every((w) => haystack(r).includes(w)))
      .sort((a, b) => collator.compare(sortKey(a, state.sort), sortKey(b, state.sort)) * (state.desc ? -1 : 1) || collator.compare(a.id, b.id));
    const frag = document.createDocumentFragment();
    for (const r of shown) {
      const tr = document.createElement('tr');
      tr.dataset.id = r.id;
      tr.tabIndex = 0;
      tr.title = fill(word('rowTitle', '{0}: {1} (click to open)'), r.id, r.title);
      const head = document.createElement('th');
      head.scope = 'row';
      const problem = document.createElement('a');
      problem.href = '#';
      problem.className = 'problem';
      problem.textContent = r.problem || word('noProblem', '(no problem)');
      problem.title = r.problemStatus ? fill(word('openProblemStatus', 'Open {0} ({1})'), r.problem, r.problemStatus) : fill(word('openProblem', 'Open {0}'), r.problem);
      problem.addEventListener('click', (e) => {
        e.preventDefault();
        e.stopPropagation();
        if (r.problem) vscode.postMessage({ type: 'open', id: r.problem, folder: r.folder });
      });
      const ke = document.createElement('div');
      ke.className = 'ke';
      ke.textContent = r.id;
      head.append(problem, ke);
      tr.appendChild(head);
      tr.appendChild(cell('td', r.symptoms));
      tr.appendChild(cell('td', r.rootCauses));
      tr.appendChild(cell('td', r.workaround));
      const fix = cell('td', r.fixDescription);
      if (r.fixStatus) {
        const badge = document.createElement('span');
        badge.className = 'status';
        badge.dataset.status = r.fixStatus;
        badge.textContent = label(r.fixStatus);
        fix.prepend(badge, document.createTextNode(r.fixDescription ? ': ' : ''));
      }
      tr.appendChild(fix);
      const open = () => vscode.postMessage({ type: 'open', id: r.id, folder: r.folder });
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (e) => e.key === 'Enter' && open());
      frag.appendChild(tr);
    }
    tbody.replaceChildren(frag);
    $('count').textContent = fill(word('count', '{0} of {1}'), shown.length, rows.length);
    $('empty').hidden = shown.length > 0 || rows.length === 0;
    for (const th of document.querySelectorAll('th[data-sort]')) {
      const key = /** @type {HTMLElement} */ (th).dataset.sort;
      th.setAttribute('aria-sort', key === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
    }
    vscode.setState(state);
    vscode.postMessage({ type: 'rendered', ids: shown.map((r) => r.id) });
  }

  function fillStatuses() {
    const present = [...new Set(rows.map((r) => r.fixStatus).filter(Boolean))].sort((a, b) => FIX_ORDER.indexOf(a) - FIX_ORDER.indexOf(b));
    const options = [new Option(word('all', 'all'), '')].concat(present.map((s) => new Option(label(s), s)));
    status.replaceChildren(...options);
    status.value = present.includes(state.status) ? state.status : '';
    state.status = status.value;
  }

  filter.addEventListener('input', () => {
    state.filter = filter.value;
    render();
  });
  status.addEventListener('change', () => {
    state.status = status.value;
    render();
  });
  for (const th of document.querySelectorAll('th[data-sort]')) {
    const sortBy = () => {
      const key = /** @type {HTMLElement} */ (th).dataset.sort || 'problem';
      state.desc = state.sort === key ? !state.desc : false;
      state.sort = key;
      render();
    };
    th.addEventListener('click', sortBy);
    th.addEventListener('keydown', (e) => /** @type {KeyboardEvent} */ (e).key === 'Enter' && sortBy());
  }
  for (const format of ['md', 'csv', 'html']) $(`export-${format}`).addEventListener('click', () => vscode.postMessage({ type: 'export', format }));

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'rows' && Array.isArray(m.rows)) {
      rows = m.rows.filter(validRow);
      fillStatuses();
      render();
    } else if (m.type === 'click' && typeof m.id === 'string') {
      for (const tr of tbody.rows) if (tr.dataset.id === m.id) tr.click();
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
