/**
 * A small JSON-RPC 2.0 client for a language server spoken to over stdio with LSP's
 * `Content-Length` framing. Only what the benchmarks need: requests with bounded waits,
 * notifications, answers to the server's own requests (`workspace/configuration`, …), and a way
 * to wait for the next `textDocument/publishDiagnostics` of one document. No client library.
 *
 * Every wait is bounded and fails with a message that says what was awaited; when the server
 * exits, everything pending fails at once with its exit status and the tail of its stderr.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspDiagnostic {
  range: LspRange;
  severity?: number;
  code?: number | string;
  source?: string;
  message: string;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
  /** `performance.now()` when the message was read off the pipe, before any other work. */
  receivedAt: number;
}

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface DiagnosticsWaiter {
  resolve: (value: PublishedDiagnostics) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** Answers a request the server sends to the client; the returned value is the result. */
export type ServerRequestHandler = (params: unknown) => unknown;

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Waiters for the next publishDiagnostics of a URI, oldest first. */
  private readonly diagnosticWaiters = new Map<string, DiagnosticsWaiter[]>();
  private readonly requestHandlers = new Map<string, ServerRequestHandler>();
  private buffer: Buffer = Buffer.alloc(0);
  private stderrTail = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Methods of server requests this client did not know, and notifications it ignored, with counts. */
  readonly unhandled = new Map<string, number>();
  /** Called with every publishDiagnostics, waited for or not. */
  onDiagnostics: ((d: PublishedDiagnostics) => void) | undefined;

  constructor(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.proc = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-4000);
    });
    // A write to a dead server must not crash the benchmark; the exit handler reports it.
    this.proc.stdin.on('error', () => undefined);
    this.proc.on('error', (err) => this.failAll(new Error(`language server failed to start: ${err.message}`)));
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.failAll(new Error(`language server exited (code ${code}, signal ${signal}) ${this.stderrHint()}`));
    });
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get hasExited(): boolean {
    return this.exited !== undefined;
  }

  /** Resident set size of the server process in bytes (VmRSS from /proc), undefined where unavailable. */
  rssBytes(): number | undefined {
    if (this.proc.pid === undefined || this.exited) return undefined;
    try {
      const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      return m ? Number(m[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Registers the answer to a request the server may send (e.g. `workspace/configuration`). */
  handleRequest(method: string, handler: ServerRequestHandler): void {
    this.requestHandlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`cannot send ${method}: the language server has exited`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms ${this.stderrHint()}`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject, timer });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    if (this.exited) throw new Error(`cannot send ${method}: the language server has exited`);
    this.write({ jsonrpc: '2.0', method, params });
  }

  /**
   * Resolves with the next publishDiagnostics for `uri` that arrives after this call. Call it
   * before sending the change that should cause it, so that a fast answer cannot be missed.
   */
  nextDiagnostics(uri: string, timeoutMs: number): Promise<PublishedDiagnostics> {
    if (this.exited) return handled(Promise.reject(new Error(`cannot wait for diagnostics: the language server has exited`)));
    return handled(new Promise<PublishedDiagnostics>((resolve, reject) => {
      const waiter: DiagnosticsWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const list = this.diagnosticWaiters.get(uri);
          const i = list ? list.indexOf(waiter) : -1;
          if (list && i >= 0) list.splice(i, 1);
          reject(new Error(`no publishDiagnostics for ${uri} within ${timeoutMs} ms ${this.stderrHint()}`));
        }, timeoutMs),
      };
      const list = this.diagnosticWaiters.get(uri);
      if (list) list.push(waiter);
      else this.diagnosticWaiters.set(uri, [waiter]);
    }));
  }

  /** Asks the server to shut down, then exit; kills it when it does not within `timeoutMs`. */
  async shutdown(timeoutMs = 3000): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, timeoutMs);
      this.notify('exit', null);
    } catch {
      // fall through to the kill below
    }
    const timer = setTimeout(() => {
      if (!this.exited) this.proc.kill('SIGKILL');
    }, timeoutMs);
    await gone;
    clearTimeout(timer);
  }

  /** Kills the server at once (used on the error path). */
  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }

  private stderrHint(): string {
    const tail = this.stderrTail.trim();
    return tail ? `; server stderr ends with: ${tail.slice(-600)}` : '';
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    const receivedAt = performance.now();
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length:\s*(\d+)/i.exec(header);
      if (!m) {
        this.failAll(new Error(`malformed LSP header from the server: ${JSON.stringify(header.slice(0, 200))}`));
        this.kill();
        return;
      }
      const length = Number(m[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(body) as Record<string, unknown>;
      } catch {
        continue;
      }
      this.dispatch(message, receivedAt);
    }
  }

  private dispatch(message: Record<string, unknown>, receivedAt: number): void {
    const { id, method } = message;
    if (typeof method === 'string' && id !== undefined) {
      // A request from the server: answer it, with null for the ones we do not know.
      const handler = this.requestHandlers.get(method);
      if (!handler) this.unhandled.set(method, (this.unhandled.get(method) ?? 0) + 1);
      let result: unknown;
      try {
        result = handler ? handler(message.params) : null;
      } catch (err) {
        this.write({ jsonrpc: '2.0', id, error: { code: -32603, message: String(err) } });
        return;
      }
      this.write({ jsonrpc: '2.0', id, result: result ?? null });
      return;
    }
    if (typeof method === 'string') {
      if (method === 'textDocument/publishDiagnostics') {
        const params = message.params as Omit<PublishedDiagnostics, 'receivedAt'>;
        const published: PublishedDiagnostics = { ...params, receivedAt };
        this.onDiagnostics?.(published);
        const list = this.diagnosticWaiters.get(params.uri);
        const waiter = list?.shift();
        if (list && list.length === 0) this.diagnosticWaiters.delete(params.uri);
        if (waiter) {
          clearTimeout(waiter.timer);
          waiter.resolve(published);
        }
      } else {
        this.unhandled.set(method, (this.unhandled.get(method) ?? 0) + 1);
      }
      return;
    }
    if (typeof id === 'number') {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      clearTimeout(p.timer);
      const error = message.error as { code: number; message: string } | undefined;
      if (error) p.reject(new Error(`${p.method} failed: ${error.message} (${error.code})`));
      else p.resolve(message.result);
    }
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.pending.clear();
    for (const list of this.diagnosticWaiters.values()) {
      for (const w of list) {
        clearTimeout(w.timer);
        w.reject(err);
      }
    }
    this.diagnosticWaiters.clear();
  }
}

/**
 * Marks a promise as handled, so that a waiter whose change could not even be sent (the server
 * died) does not end the process as an unhandled rejection; whoever awaits it still gets the error.
 */
function handled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/** `file://` URI of an absolute path, as VS Code writes them (percent-encoded, `/` kept). */
export function fileUri(absPath: string): string {
  return 'file://' + absPath.split('/').map(encodeURIComponent).join('/');
}
