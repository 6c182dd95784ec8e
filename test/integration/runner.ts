// A tiny, dependency-free test runner for the VS Code extension host.
//
// Suites call `test(name, fn)` at import time; the entry point (index.ts) calls `run()`, which
// VS Code awaits: if it rejects, the host exits with code 1. The last line printed is always
// `N passed, N failed` alone on a line, so CI can read the result from the output as well.
//
// Env (read inside the extension host):
//   KEDB_TEST_TIMEOUT_MS  default per-test timeout (default 30000)
//   KEDB_TEST_GREP        only run tests whose name contains this string

export type TestFn = () => unknown | Promise<unknown>;

export interface TestOptions {
  /** Per-test timeout in ms; overrides the default. */
  timeout?: number;
}

interface TestCase {
  name: string;
  fn: TestFn;
  timeout?: number;
}

const tests: TestCase[] = [];

/** Register a test. Tests run in registration order, one at a time. */
export function test(name: string, fn: TestFn, options: TestOptions = {}): void {
  tests.push({ name, fn, timeout: options.timeout });
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

class TimeoutError extends Error {}

/** Resolve or reject with `promise`, or reject after `ms` with `message`. */
async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(err: unknown): string {
  // A timeout's stack only shows the runner's own timer: the message says it all.
  if (err instanceof TimeoutError) return err.message;
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** Run every registered test; rejects if any failed (or none ran), after printing the summary. */
export async function run(): Promise<void> {
  const defaultTimeout = envNumber('KEDB_TEST_TIMEOUT_MS', 30_000);
  const grep = process.env.KEDB_TEST_GREP;
  const selected = grep ? tests.filter((t) => t.name.includes(grep)) : tests;
  let passed = 0;
  let failed = 0;

  console.log(`Running ${selected.length} integration test(s)${grep ? ` matching "${grep}"` : ''}`);
  for (const t of selected) {
    const timeout = t.timeout ?? defaultTimeout;
    const started = Date.now();
    try {
      // Promise.resolve().then(...) turns a synchronous throw into a rejection too.
      await withTimeout(Promise.resolve().then(t.fn), timeout, `timed out after ${timeout} ms`);
      passed++;
      console.log(`  ok    ${t.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed++;
      console.log(`  FAIL  ${t.name} (${Date.now() - started} ms)`);
      for (const line of describeError(err).split('\n')) console.log(`        ${line}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);

  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
  if (selected.length === 0) throw new Error('no integration tests ran');
}

export interface WaitForOptions {
  /** Give up after this many ms (default 10000). */
  timeout?: number;
  /** Poll every this many ms (default 50). */
  interval?: number;
  /** Describes what was awaited, for the timeout error. */
  message?: string;
  /** What to show of the state when the wait times out. */
  detail?: () => unknown;
}

/**
 * Poll `condition` until it returns a truthy value (which is returned) or the timeout passes.
 * Use this instead of fixed sleeps: the extension host does things asynchronously and at a speed
 * that depends on the machine. Errors thrown by `condition` count as "not yet"; the last one is
 * reported on timeout.
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  { timeout = 10_000, interval = 50, message = 'condition', detail }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : `; last error: ${describeError(lastError)}`;
      const seen = detail ? `; last seen: ${JSON.stringify(detail())}` : '';
      throw new TimeoutError(`waitFor: ${message} not met within ${timeout} ms${cause}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
