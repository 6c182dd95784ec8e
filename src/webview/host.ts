// What every webview script here needs from its page: VS Code's webview API, typed by the messages
// the script posts and the state it keeps, and a text-only element maker (record text never goes
// into a page as HTML).

/** VS Code's API in a webview, typed by what this script posts and keeps. */
export interface VsCodeApi<Message, State = unknown> {
  postMessage(message: Message): void;
  getState(): unknown;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi<unknown, unknown>;

/** The webview API; VS Code gives it once per page, so call this once. */
export function vscodeApi<Message, State = unknown>(): VsCodeApi<Message, State> {
  return acquireVsCodeApi() as VsCodeApi<Message, State>;
}

/** An element with an optional class and text (set as text, never parsed as HTML). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
