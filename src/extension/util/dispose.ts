import type * as vscode from 'vscode';

/** Base for long-lived objects: everything registered with `_register` is disposed with it. */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

/** Runs `fn` once per key after `delay` ms of quiet for that key. */
export class KeyedDebouncer<K> implements vscode.Disposable {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();
  constructor(
    private readonly delay: number,
    private readonly fn: (key: K) => void,
  ) {}

  trigger(key: K): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.fn(key);
      }, this.delay),
    );
  }

  /** Runs `fn` now for every waiting key that `which` accepts, instead of after the delay. */
  flush(which: (key: K) => boolean = () => true): void {
    for (const [key, timer] of [...this.timers]) {
      if (!which(key)) continue;
      clearTimeout(timer);
      this.timers.delete(key);
      this.fn(key);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
