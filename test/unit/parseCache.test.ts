// The CLI's parse cache (src/node/parseCache.ts): a second load takes unchanged files from it and
// gives the same records; a changed, replaced or linked file is read again; a file changed just
// before the load, another build or another config keeps nothing; a broken cache is ignored; a value
// JSON cannot hold is not kept; old caches are pruned; and `kedb` writes one only for a big folder,
// never with --no-cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE, setL10nBundle, Workspace } from '../../src/core';
import { NodeFsHost } from '../../src/node/fsHost';
import { DiskParseCache, KEEP } from '../../src/node/parseCache';
import { indonesian, runKedb, TEST_CACHE_HOME } from './helpers';

function incident(n: number, title = `Printer ${n} jams`): string {
  return `# kept comment\nkind: incident\nid: INC-${String(n).padStart(5, '0')}\ntitle: ${title}\ncategory: Hardware\nimpact: low\nurgency: low\nreported_at: 2025-01-0${(n % 9) + 1}T08:00:00Z\n`;
}

/** A workspace of `n` incidents, its files dated an hour ago (their change time is now, though). */
function workspace(n: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cache-'));
  fs.mkdirSync(path.join(root, 'incidents'));
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (let i = 1; i <= n; i++) {
    const f = path.join(root, 'incidents', `INC-${String(i).padStart(5, '0')}.yaml`);
    fs.writeFileSync(f, incident(i));
    fs.utimesSync(f, hourAgo, hourAgo);
  }
  return root;
}

async function load(root: string, cache?: DiskParseCache): Promise<Workspace> {
  const ws = await Workspace.load(new NodeFsHost(root), { cache });
  cache?.save();
  return ws;
}

function records(ws: Workspace): unknown[] {
  return [...ws.records('incident')].map((r) => [r.file, r.id, r.value]);
}

/** Loads "begin" five seconds on, so that the files just written count as settled (see the racy test). */
const options = (dir: string, extra: object = {}) => ({ dir, build: 'test-build', minFiles: 3, now: Date.now() + 5000, ...extra });

test('a second load takes every unchanged file from the cache, with the same records and issues', async () => {
  const root = workspace(5);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  const first = new DiskParseCache(root, options(dir));
  const plain = await load(root, first);
  assert.deepEqual(first.counts, { kept: 0, read: 5 });
  assert.equal(fs.readdirSync(dir).length, 1, 'one cache file for the folder');
  const second = new DiskParseCache(root, options(dir));
  const cached = await load(root, second);
  assert.deepEqual(second.counts, { kept: 5, read: 0 });
  assert.deepEqual(records(cached), records(plain));
  assert.deepEqual(cached.allIssues(), plain.allIssues());
});

test('a file rewritten with the same size and modification time is read again (its change time moved)', async () => {
  const root = workspace(4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  await load(root, new DiskParseCache(root, options(dir)));
  const f = path.join(root, 'incidents', 'INC-00002.yaml');
  const before = fs.statSync(f);
  fs.writeFileSync(f, incident(2, 'Scanner 2 jams')); // same length as "Printer 2 jams"
  fs.utimesSync(f, before.atime, before.mtime);
  assert.equal(fs.statSync(f).size, before.size);
  // The change time moves on a later tick.
  await new Promise((r) => setTimeout(r, 20));
  const cache = new DiskParseCache(root, options(dir));
  const ws = await load(root, cache);
  assert.deepEqual(cache.counts, { kept: 3, read: 1 });
  assert.equal(ws.get('INC-00002')?.value.title, 'Scanner 2 jams');
});

test('a record file replaced by a link is not taken from the cache: the link is reported, as without one', async () => {
  const root = workspace(4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  await load(root, new DiskParseCache(root, options(dir)));
  const f = path.join(root, 'incidents', 'INC-00003.yaml');
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-out-')), 'x.yaml');
  fs.renameSync(f, outside);
  fs.symlinkSync(outside, f);
  const ws = await load(root, new DiskParseCache(root, options(dir)));
  assert.equal(ws.get('INC-00003'), undefined);
  const unread = ws.unreadableFiles().map((u) => u.path);
  assert.deepEqual(unread, ['incidents/INC-00003.yaml']);
});

test('files changed just before the load are read again next time; another build or config keeps nothing', async () => {
  const root = workspace(4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  // The load "began" a second after the files were written: none of them is kept.
  const mtime = fs.statSync(path.join(root, 'incidents', 'INC-00001.yaml')).mtimeMs;
  const racy = new DiskParseCache(root, options(dir, { now: Math.max(mtime, fs.statSync(path.join(root, 'incidents', 'INC-00001.yaml')).ctimeMs) + 1000 }));
  await load(root, racy);
  assert.equal(fs.readdirSync(dir).length, 0, 'nothing worth keeping: no cache written');
  await load(root, new DiskParseCache(root, options(dir)));
  const again = new DiskParseCache(root, options(dir));
  await load(root, again);
  assert.equal(again.counts.kept, 4);
  const otherBuild = new DiskParseCache(root, options(dir, { build: 'another-build' }));
  await load(root, otherBuild);
  assert.deepEqual(otherBuild.counts, { kept: 0, read: 4 });
  fs.writeFileSync(path.join(root, CONFIG_FILE), 'detection:\n  category:\n    min_count: 2\n');
  const otherConfig = new DiskParseCache(root, options(dir, { build: 'another-build' }));
  await load(root, otherConfig);
  assert.deepEqual(otherConfig.counts, { kept: 0, read: 5 }, 'the four records and the config');
});

test('a broken cache file is ignored and replaced; a value JSON cannot hold (.inf) is read from the file each time', async () => {
  const root = workspace(4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  const f = path.join(root, 'incidents', 'INC-00004.yaml');
  const hourAgo = new Date(Date.now() - 3_600_000);
  fs.writeFileSync(f, incident(4) + 'source:\n  score: .inf\n');
  fs.utimesSync(f, hourAgo, hourAgo);
  await load(root, new DiskParseCache(root, options(dir)));
  const [file] = fs.readdirSync(dir);
  fs.writeFileSync(path.join(dir, file), '{"format": 1, "files": {'); // cut short
  const broken = new DiskParseCache(root, options(dir));
  const ws = await load(root, broken);
  assert.deepEqual(broken.counts, { kept: 0, read: 4 });
  const next = new DiskParseCache(root, options(dir));
  const ws2 = await load(root, next);
  assert.deepEqual(next.counts, { kept: 3, read: 1 });
  assert.equal((ws2.get('INC-00004')?.value.source as { score: number }).score, Infinity);
  assert.deepEqual(records(ws2), records(ws));
});

test(`only the ${KEEP} caches used last are kept`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  const roots = Array.from({ length: KEEP + 2 }, () => workspace(3));
  for (const [i, root] of roots.entries()) {
    await load(root, new DiskParseCache(root, options(dir)));
    // Older caches look older.
    for (const f of fs.readdirSync(dir)) {
      const t = new Date(Date.now() - (roots.length - i) * 60_000);
      if (fs.statSync(path.join(dir, f)).mtimeMs > Date.now() - 10_000 && i < roots.length - 1) fs.utimesSync(path.join(dir, f), t, t);
    }
  }
  assert.equal(fs.readdirSync(dir).length, KEEP);
  const first = new DiskParseCache(roots[0], options(dir));
  await load(roots[0], first);
  assert.equal(first.counts.kept, 0, 'the oldest was removed');
  const last = new DiskParseCache(roots[roots.length - 1], options(dir));
  await load(roots[roots.length - 1], last);
  assert.equal(last.counts.kept, 3);
});

test('kedb keeps a cache for a folder of 1,000 files, gives the same output from it, and keeps none with --no-cache', async () => {
  const root = workspace(1000);
  // kedb keeps no file changed in the two seconds before it began.
  const written = Math.max(...fs.readdirSync(path.join(root, 'incidents')).map((f) => fs.statSync(path.join(root, 'incidents', f)).ctimeMs));
  await new Promise((r) => setTimeout(r, Math.max(0, written + 2100 - Date.now())));
  const cacheDir = path.join(TEST_CACHE_HOME, 'kedb-studio', 'parses');
  const count = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).length : 0);
  const before = count();
  const none = runKedb(['--no-cache', 'stats', root, '--now', '2025-02-01', '--format', 'json']);
  assert.equal(none.code, 0, none.stderr);
  assert.equal(count(), before, '--no-cache writes no cache');
  const first = runKedb(['stats', root, '--now', '2025-02-01', '--format', 'json']);
  assert.equal(count(), before + 1);
  const second = runKedb(['stats', root, '--now', '2025-02-01', '--format', 'json']);
  assert.equal(second.code, 0, second.stderr);
  assert.equal(first.stdout, none.stdout);
  assert.equal(second.stdout, none.stdout);
  // A record changed since: the next run sees it.
  const f = path.join(root, 'incidents', 'INC-00007.yaml');
  fs.writeFileSync(f, incident(7).replace('category: Hardware', 'category: Network'));
  const third = JSON.parse(runKedb(['stats', root, '--now', '2025-02-01', '--format', 'json']).stdout) as { pareto: { category: { value: string; count: number }[] } };
  assert.deepEqual(
    third.pareto.category.map((c) => [c.value, c.count]),
    [
      ['Hardware', 999],
      ['Network', 1],
    ],
  );
});

test('the config and a record with issues come from the cache with the same issues and settings, in the language they are shown in', async () => {
  const root = workspace(4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-cachedir-'));
  const hourAgo = new Date(Date.now() - 3_600_000);
  fs.writeFileSync(path.join(root, CONFIG_FILE), 'detection:\n  category:\n    min_count: 2\n    colour: blue\n');
  const bad = path.join(root, 'incidents', 'INC-00002.yaml');
  fs.writeFileSync(bad, incident(2).replace('impact: low', 'impact: enormous'));
  for (const f of [path.join(root, CONFIG_FILE), bad]) fs.utimesSync(f, hourAgo, hourAgo);
  const plain = await load(root);
  const messages = (ws: Workspace) => [...ws.allIssues()].flatMap(([p, list]) => list.map((i) => `${p}: ${i.code}: ${i.message}`));
  assert.ok(messages(plain).some((m) => m.startsWith(`${CONFIG_FILE}: `)) && messages(plain).some((m) => m.startsWith('incidents/INC-00002.yaml: ')), messages(plain).join('\n'));
  await load(root, new DiskParseCache(root, options(dir)));
  const again = new DiskParseCache(root, options(dir));
  const cached = await load(root, again);
  assert.deepEqual(again.counts, { kept: 5, read: 0 }, 'the config and the four records');
  assert.deepEqual(messages(cached), messages(plain));
  assert.deepEqual(cached.config, plain.config);
  assert.equal(cached.config.detection.category.minCount, 2);
  // Another language: nothing is taken, and the messages are in it.
  setL10nBundle(indonesian(), 'id');
  try {
    const inId = new DiskParseCache(root, options(dir));
    const wsId = await load(root, inId);
    assert.deepEqual(inId.counts, { kept: 0, read: 5 });
    assert.equal(messages(wsId).length, messages(plain).length);
    assert.notDeepEqual(messages(wsId), messages(plain));
    // And kept in it for the next run in that language.
    const inIdAgain = new DiskParseCache(root, options(dir));
    assert.deepEqual(messages(await load(root, inIdAgain)), messages(wsId));
    assert.equal(inIdAgain.counts.kept, 5);
  } finally {
    setL10nBundle(undefined);
  }
});
