// Driving the VS Code workbench (code-server in Chromium) the way a user does: keyboard and mouse,
// reading only what is on screen (the DOM). No extension API, no commands run behind the UI.
//
// Every wait polls a condition (Playwright locators, or `until` below); nothing sleeps for a fixed
// time.

/** Default time for one condition to come true. */
export const WAIT_MS = 30_000;

/** Polls `fn` until it returns a truthy value (returned) or `timeoutMs` passes (throws with `what`). */
export async function until(what, fn, { timeoutMs = WAIT_MS, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last error: ${lastError.message.split('\n')[0]})` : last !== undefined ? ` (last value: ${JSON.stringify(last)})` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The workbench is up: its parts are drawn and the extension host has been asked to start. */
export async function waitForWorkbench(page, timeoutMs = 90_000) {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * The command palette's key. Ctrl+Shift+P rather than F1: in VS Code 1.139 an F1 pressed while a
 * walkthrough step has the focus opens the palette and closes it again at once.
 */
export const PALETTE_KEY = 'Control+Shift+P';

const quickInput = (page) => page.locator('.quick-input-widget');
const quickInputBox = (page) => page.locator('.quick-input-widget .quick-input-box input');
const quickRows = (page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/**
 * Opens the quick input with `key` (none: it is already open) and waits until its box has the
 * keyboard focus. Right after a walkthrough step is selected, the walkthrough takes the focus back
 * a moment later, which closes a palette opened meanwhile: then the key is pressed again. When the
 * focus stayed behind in a webview, a click into the box gives it, as it would for a user.
 */
async function openQuickInput(page, key, timeoutMs = WAIT_MS) {
  const box = quickInputBox(page);
  let lastPress = 0;
  let unfocused = 0;
  await until(
    'the quick input to open with the keyboard focus',
    async () => {
      const visible = await box.isVisible();
      if (visible && (await box.evaluate((el) => el === document.activeElement && document.hasFocus()))) return true;
      if (!visible) {
        unfocused = 0;
        if (key && Date.now() - lastPress > 1_000) {
          await page.keyboard.press(key);
          lastPress = Date.now();
        }
      } else if (++unfocused > 3) await box.click({ timeout: 2_000 }).catch(() => {});
      return false;
    },
    { timeoutMs },
  );
}

/** The visible rows of the open quick pick as [{ label, aria, focused }]. */
export async function quickPickRows(page) {
  return quickRows(page).evaluateAll((rows) =>
    rows.map((r) => ({
      label: (r.querySelector('.label-name')?.textContent ?? r.textContent ?? '').trim(),
      aria: r.getAttribute('aria-label') ?? '',
      focused: r.classList.contains('focused'),
    })),
  );
}

/**
 * Gives code-server's file dialog the path `text` and clicks its OK button (`okLabel`: "Install",
 * "Create the sample here", …) until the dialog closes. The path goes in the way a user with a path
 * at hand does it: select the box, Ctrl+V (the clipboard is filled first, as if the path had been
 * copied elsewhere; the browser context must allow clipboard access). The dialog rewrites its box
 * on its own for a while (it lists its proposed folder, completes names, moves into a folder at
 * each "/"), and answers an OK that comes before it has checked the path with "Please select a
 * file": so the box is re-pasted whenever it no longer holds the path, and OK is clicked only once
 * the box has held it for three polls in a row.
 */
export async function enterPath(page, text, okLabel, timeoutMs = 60_000) {
  const widget = quickInput(page);
  const box = quickInputBox(page);
  const ok = widget.locator('.monaco-button', { hasText: okLabel }).first();
  await box.waitFor({ state: 'visible' });
  await ok.waitFor({ state: 'visible' });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  // The dialog may write the folder with a doubled "/" at the end: the same folder.
  const same = (a, b) => a.replace(/\/+/g, '/') === b.replace(/\/+/g, '/');
  let steady = 0;
  await until(
    `the file dialog to take ${text} ("${okLabel}")`,
    async () => {
      if (!(await widget.isVisible())) return true;
      const value = await box.inputValue();
      if (!same(value, text)) {
        steady = 0;
        // A completion the dialog added is selected text after the path: remove it.
        const completion = await box.evaluate((el, n) => el.value.length > n && el.selectionStart === n && el.selectionEnd === el.value.length, text.length);
        if (value.startsWith(text) && completion) await box.press('Delete');
        else {
          await box.press('Control+A');
          await box.press('Control+V');
        }
        return false;
      }
      if (++steady < 3) return false;
      steady = 0;
      await ok.click({ timeout: 2_000 }).catch(() => {});
      return false;
    },
    { timeoutMs, intervalMs: 300 },
  );
}

/** Waits until the quick input is closed (after Enter or Escape). */
export async function waitQuickInputClosed(page, timeoutMs = WAIT_MS) {
  await quickInput(page).waitFor({ state: 'hidden', timeout: timeoutMs });
}

/**
 * Opens the quick input with `key` (PALETTE_KEY: commands, Control+P: files), types `text` and waits until
 * the focused row is the one `accept(row)` wants, then presses Enter. Returns that row.
 * When another row stays focused (another command ranked first), it is walked to with the arrows,
 * as a user would; if no row matches, the error lists what the list showed. `beforeEnter()` runs
 * (awaited) with the row focused, just before Enter: a screenshot of the list, for instance.
 */
export async function pickFromQuickInput(page, key, text, accept, { what = text, timeoutMs = WAIT_MS, beforeEnter } = {}) {
  // No key: the quick pick is already open (a command asked a question). Keys typed before the
  // box has the focus would go elsewhere (a webview, the editor).
  await openQuickInput(page, key, timeoutMs);
  const box = quickInputBox(page);
  const prefix = await box.inputValue(); // ">" for the command palette
  if (text) await page.keyboard.type(text);
  let rows = [];
  const target = await until(
    `"${what}" in the ${key === PALETTE_KEY ? 'command palette' : key ? 'quick open list' : 'quick pick'}`,
    async () => {
      // The list may still hold the rows of the previous filter: compare with the typed value.
      if ((await box.inputValue()) !== prefix + text) return undefined;
      rows = await quickPickRows(page);
      return rows.find(accept);
    },
    { timeoutMs },
  ).catch(async (err) => {
    throw new Error(`${err.message}; the box read ${JSON.stringify(await box.inputValue().catch(() => '?'))} and the list showed ${JSON.stringify(rows.map((r) => r.label || r.aria))}`);
  });
  for (let i = 0; i < 20 && !(await quickPickRows(page)).find((r) => r.focused && accept(r)); i++) await page.keyboard.press('ArrowDown');
  if (beforeEnter) await beforeEnter();
  await page.keyboard.press('Enter');
  return target;
}

/** Ctrl+Shift+P, the command's title as the palette shows it ("Category: Title"), Enter. */
export async function runCommand(page, title, opts = {}) {
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  return pickFromQuickInput(page, PALETTE_KEY, title, (r) => norm(r.label) === norm(title) || norm(r.aria).startsWith(norm(title)), { what: title, ...opts });
}

/** Whether the palette offers `title` at all (closes the palette again). */
export async function paletteHas(page, title, timeoutMs = 5_000) {
  await openQuickInput(page, PALETTE_KEY);
  const box = quickInputBox(page);
  await page.keyboard.type(title);
  let found;
  try {
    await until(`"${title}" in the command palette`, async () => (await box.inputValue()) === `>${title}` && (await quickPickRows(page)).some((r) => r.label === title), { timeoutMs });
    found = true;
  } catch {
    found = false;
  }
  await page.keyboard.press('Escape');
  await waitQuickInputClosed(page);
  return found;
}

/** Ctrl+P, the file name, Enter; waits until its tab is the active one. */
export async function openFile(page, name) {
  await pickFromQuickInput(page, 'Control+P', name, (r) => r.label === name, { what: name });
  await waitActiveTab(page, name);
}

/** The label of the active editor tab of the active group. */
export async function activeTabLabel(page) {
  // The tab shows the name in two parts (name, suffix); its data-resource-name is the whole file name.
  return page
    .locator('.editor-group-container.active .tab.active')
    .first()
    .getAttribute('data-resource-name', { timeout: 1_000 })
    .catch(() => undefined);
}

export async function waitActiveTab(page, name, timeoutMs = WAIT_MS) {
  await until(`the active tab to be ${name}`, async () => (await activeTabLabel(page)) === name, { timeoutMs });
}

/** The labels of all editor tabs, in every group. */
export async function tabLabels(page) {
  return page.locator('.tabs-container .tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-resource-name')));
}

/** The status bar's problems item: { errors, warnings, label }. */
export async function problemCounts(page) {
  const label = await page.locator('[id="status.problems"]').getAttribute('aria-label', { timeout: 2_000 });
  if (label === null) return undefined;
  // e.g. "No Problems", "1 error, 2 warnings", "Errors: 1, Warnings: 2": read the numbers by word.
  const num = (re) => Number(re.exec(label)?.[1] ?? re.exec(label)?.[2] ?? 0);
  return {
    errors: num(/(\d+)\s*errors?|errors?:\s*(\d+)/i),
    warnings: num(/(\d+)\s*warnings?|warnings?:\s*(\d+)/i),
    label,
  };
}

/** The accessible text of a status bar entry whose id ends with `suffix` (our extension's items). */
export async function statusBarEntry(page, suffix) {
  const el = page.locator(`.part.statusbar [id$="${suffix}"]`).first();
  const aria = await el.getAttribute('aria-label', { timeout: 1_000 }).catch(() => null);
  const text = await el.textContent({ timeout: 1_000 }).catch(() => null);
  return aria || text ? { aria: aria ?? '', text: (text ?? '').trim() } : undefined;
}

/**
 * The inner frame of the webview whose document has `selector` (an <iframe class="webview"> whose
 * #active-frame holds the extension's page). Polls every webview, visible or not.
 */
export async function webviewFrame(page, selector, timeoutMs = WAIT_MS) {
  return until(
    `a webview showing ${selector}`,
    async () => {
      for (const handle of await page.locator('iframe.webview').elementHandles()) {
        const outer = await handle.contentFrame();
        const innerHandle = await outer?.$('#active-frame');
        const inner = await innerHandle?.contentFrame();
        if (inner && (await inner.$(selector))) return inner;
      }
      return undefined;
    },
    { timeoutMs },
  );
}

/**
 * The inner frame of the webview that shows `text` in an element matching `selector` (the
 * walkthrough's step page, for instance). Polls every webview, visible or not.
 */
export async function webviewWithText(page, selector, text, timeoutMs = WAIT_MS) {
  return until(
    `a webview showing ${selector} "${text}"`,
    async () => {
      for (const handle of await page.locator('iframe.webview').elementHandles()) {
        const outer = await handle.contentFrame();
        const innerHandle = await outer?.$('#active-frame');
        const inner = await innerHandle?.contentFrame();
        const texts = inner ? await inner.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim())).catch(() => []) : [];
        if (texts.includes(text)) return inner;
      }
      return undefined;
    },
    { timeoutMs },
  );
}

/** The rows of a view pane ("Problem Candidates") in the side bar as [{ label, description, aria, level }]. */
export async function viewRows(page, paneTitle) {
  const pane = page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${paneTitle}"]`) });
  return pane.locator('.monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => ({
      label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
      aria: r.getAttribute('aria-label') ?? '',
      level: Number(r.getAttribute('aria-level') ?? 0),
    })),
  );
}

export function viewRow(page, paneTitle, label) {
  const pane = page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${paneTitle}"]`) });
  return pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
}

/** Text of the visible lines of the active editor (only what is rendered on screen). */
export async function visibleEditorText(page) {
  return page
    .locator('.editor-group-container.active .monaco-editor .view-lines')
    .first()
    .evaluate((el) => [...el.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)).map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'));
}

/**
 * Clicks the tab of the editor on `name` (file name), which activates and focuses that editor,
 * then Ctrl+Home. (A click into the text could land on a code lens and run its command.)
 */
export async function focusEditor(page, name) {
  await page.locator(`.tabs-container .tab[data-resource-name="${name}"]`).first().click();
  await waitActiveTab(page, name);
  await until(`the editor of ${name} to have the focus`, () =>
    page.evaluate(() => Boolean(document.activeElement?.closest('.editor-group-container.active .monaco-editor'))),
  );
  await page.keyboard.press('Control+Home');
}

/**
 * Ctrl+F `text`, Enter, Escape: the editor's selection is then the first match after the cursor.
 * Returns when the find widget has closed again.
 */
export async function findInEditor(page, text) {
  await page.keyboard.press('Control+F');
  const input = page.locator('.editor-group-container.active .find-widget.visible textarea, .editor-group-container.active .find-widget.visible input').first();
  await input.waitFor({ state: 'visible' });
  await until('the find box to have the keyboard focus', () => input.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await until(`find widget to match "${text}"`, async () => {
    const count = await page.locator('.editor-group-container.active .find-widget.visible .matchesCount').textContent().catch(() => '');
    return count && !/^No results/i.test(count.trim()) ? count : undefined;
  });
  await page.keyboard.press('Enter');
  // Escape closes the widget and leaves the match selected in the editor.
  const widget = page.locator('.editor-group-container.active .find-widget.visible');
  await until('the find widget to close', async () => {
    if (!(await widget.count())) return true;
    await page.keyboard.press('Escape');
    return false;
  }, { intervalMs: 250 });
}

/**
 * Closes the completion list if one is open, and waits until it stays closed: typing can open it
 * a moment later (the completion provider answers asynchronously).
 */
export async function closeSuggestions(page) {
  const widget = page.locator('.editor-group-container.active .suggest-widget.visible');
  let quiet = 0;
  await until(
    'the completion list to stay closed',
    async () => {
      if (await widget.count()) {
        await page.keyboard.press('Escape');
        quiet = 0;
        return false;
      }
      return ++quiet >= 4;
    },
    { intervalMs: 150 },
  );
}

/** Drags the side bar's right edge by `dx` pixels with the mouse; returns the new width. */
export async function resizeSideBar(page, dx) {
  const bar = page.locator('.part.sidebar');
  const before = await bar.boundingBox();
  const x = before.x + before.width;
  const y = before.y + before.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y, { steps: 4 });
  await page.mouse.move(x + dx, y, { steps: 4 });
  await page.mouse.up();
  const after = await until('the side bar to change its width', async () => {
    const b = await bar.boundingBox();
    return b && Math.abs(b.width - before.width) > Math.abs(dx) / 2 ? b : undefined;
  });
  return after.width;
}

/** Notifications currently shown as toasts (their text). */
export async function notifications(page) {
  return page.locator('.notification-toast .notification-list-item-message').allTextContents();
}
