// The command line as CI uses it: the packed package installed into a fresh project and
// run through its bin, on corpus files; each command's output and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { CORPUS, ROOT, installPackage } from './helpers.mjs';

const consumer = installPackage();
const bin = join(consumer, 'node_modules/.bin/compose-architect');

/** The environment the command sees: nothing of the test's own, so results do not vary. */
const CLEAN_ENV = { PATH: process.env.PATH, HOME: consumer };

function run(args, { cwd = CORPUS, env = {} } = {}) {
  const result = spawnSync(bin, args, { cwd, env: { ...CLEAN_ENV, ...env }, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function json(result) {
  return JSON.parse(result.out);
}

/** A new folder inside the consumer project, with the named corpus files copied into it. */
function workFolder(name, files = {}) {
  const folder = join(consumer, name);
  mkdirSync(folder, { recursive: true });
  for (const [target, source] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, target)), { recursive: true });
    copyFileSync(join(CORPUS, source), join(folder, target));
  }
  return folder;
}

const MINECRAFT = 'awesome-compose__minecraft_compose.yaml';
const MONGO = 'awesome-compose__react-express-mongodb_compose.yaml';
const N8N = 'n8n-hosting__docker-compose_withPostgres_docker-compose.yaml';
const ELK = 'docker-elk__docker-compose.yaml';

test('check prints the text report with positions and exits 1 on errors', () => {
  const result = run(['check', MONGO]);

  assert.equal(result.code, 1, result.err);
  assert.match(result.out, /^error\[build-context\]: .*frontend/m);
  assert.match(result.out, new RegExp(` --> ${MONGO}:3:5$`, 'm'));
  assert.match(result.out, / --> .*:20:5$/m);
  assert.match(result.out, /^2 errors, 3 warnings, 10 infos in 3 services/m);
  assert.equal(result.err, '');
});

test('--fail-on sets the lowest severity that fails the run', () => {
  // minecraft: no error, two warnings (missing-healthcheck, unpinned-image), two infos
  assert.equal(run(['check', MINECRAFT]).code, 0);
  assert.equal(run(['check', MINECRAFT, '--fail-on', 'error']).code, 0);
  assert.equal(run(['check', MINECRAFT, '--fail-on', 'warning']).code, 1);
  assert.equal(run(['check', MINECRAFT, '--fail-on', 'info']).code, 1);

  const folder = workFolder('fail-on', { 'compose.yaml': MINECRAFT });
  writeFileSync(join(folder, 'rules.json'), JSON.stringify({ 'missing-healthcheck': 'off', 'unpinned-image': 'off' }));
  const quiet = run(['check', 'compose.yaml', '--rules-config', 'rules.json', '--format', 'json', '--fail-on', 'warning'], { cwd: folder });
  assert.equal(quiet.code, 0, quiet.err);
  assert.equal(json(quiet).summary.warnings, 0);
  assert.equal(json(quiet).summary.suppressedByConfiguration, 2);
  assert.equal(run(['check', 'compose.yaml', '--rules-config', 'rules.json', '--fail-on', 'info'], { cwd: folder }).code, 1);
});

test('every format renders the same findings', () => {
  const report = json(run(['check', MINECRAFT, '--format', 'json']));
  assert.equal(report.version, 1);
  assert.deepEqual(
    report.findings.map((f) => [f.rule, f.start.line, f.start.column]),
    [
      ['missing-cpu-limit', 2, 2],
      ['missing-healthcheck', 2, 2],
      ['unpinned-image', 3, 11],
      ['platform-ignored-key', 4, 4],
    ],
  );

  const sarif = json(run(['check', MINECRAFT, '--format', 'sarif']));
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0].results;
  assert.deepEqual(
    results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine]),
    [
      ['missing-cpu-limit', 'note', 2],
      ['missing-healthcheck', 'warning', 2],
      ['unpinned-image', 'warning', 3],
      ['platform-ignored-key', 'note', 4],
    ],
  );
  assert.equal(results[2].locations[0].physicalLocation.artifactLocation.uri, MINECRAFT);

  const github = run(['check', MINECRAFT, '--format', 'github']).out.trimEnd().split('\n');
  assert.equal(github.length, 4);
  assert.match(github[2], new RegExp(`^::warning file=${MINECRAFT},line=3,col=11,endLine=3,endColumn=32,title=unpinned-image::`));

  const markdown = run(['check', MINECRAFT, '--format', 'markdown']).out;
  assert.match(markdown, /^\| 0 \| 2 \| 2 \| 1 \| 0 \| 0 \|$/m);
  assert.match(markdown, /^\| warning \| `unpinned-image` \| awesome-compose\\_\\_minecraft\\_compose\.yaml:3 \| /m);
});

test('the .env beside the first file is read, --env-file replaces it, and the shell wins', () => {
  const folder = workFolder('env', { 'compose.yaml': N8N });
  const unset = (result) =>
    json(result)
      .findings.filter((f) => f.rule === 'unset-variable')
      .map((f) => f.message.split(' ')[1]);
  const all = ['POSTGRES_USER', 'POSTGRES_DB', 'N8N_VERSION', 'POSTGRES_NON_ROOT_USER', 'POSTGRES_NON_ROOT_PASSWORD', 'RUNNERS_AUTH_TOKEN'];
  assert.deepEqual(unset(run(['check', 'compose.yaml', '--format', 'json'], { cwd: folder })), all);

  writeFileSync(join(folder, '.env'), 'POSTGRES_USER=n8n\nPOSTGRES_DB=n8n\n');
  writeFileSync(join(folder, 'ci.env'), 'N8N_VERSION=1.0.0\n');
  writeFileSync(join(folder, '.env.tokens'), 'RUNNERS_AUTH_TOKEN=${N8N_VERSION}-token\n');
  assert.deepEqual(unset(run(['check', 'compose.yaml', '--format', 'json'], { cwd: folder })), all.slice(2));
  assert.deepEqual(unset(run(['check', 'compose.yaml', '--env-file', 'ci.env', '--format', 'json'], { cwd: folder })), [
    'POSTGRES_USER',
    'POSTGRES_DB',
    'POSTGRES_NON_ROOT_USER',
    'POSTGRES_NON_ROOT_PASSWORD',
    'RUNNERS_AUTH_TOKEN',
  ]);
  const both = run(['check', 'compose.yaml', '--env-file', 'ci.env', '--env-file', '.env.tokens', '--format', 'json'], { cwd: folder });
  assert.deepEqual(unset(both), ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_NON_ROOT_USER', 'POSTGRES_NON_ROOT_PASSWORD']);

  // an env file may have any name, as with docker compose --env-file
  writeFileSync(join(folder, 'settings.txt'), 'N8N_VERSION=1.0.0\nRUNNERS_AUTH_TOKEN=t\n');
  const anyName = run(['check', 'compose.yaml', '--env-file', 'settings.txt', '--format', 'json'], { cwd: folder });
  assert.deepEqual(unset(anyName), ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_NON_ROOT_USER', 'POSTGRES_NON_ROOT_PASSWORD']);
  assert.ok(!json(anyName).findings.some((f) => f.file === 'settings.txt'), 'settings.txt is read as an env file');

  const shell = run(['check', 'compose.yaml', '--format', 'json'], { cwd: folder, env: { POSTGRES_NON_ROOT_USER: 'app', POSTGRES_NON_ROOT_PASSWORD: 'x' } });
  assert.deepEqual(unset(shell), ['N8N_VERSION', 'RUNNERS_AUTH_TOKEN']);

  // a broken env file is a finding at its own line, not a crash
  writeFileSync(join(folder, '.env'), 'POSTGRES_USER=n8n\nPOSTGRES_DB="unterminated\n');
  const broken = run(['check', 'compose.yaml'], { cwd: folder });
  assert.equal(broken.code, 1);
  assert.match(broken.out, /^error\[invalid-env-file\]: line 2: unterminated quoted value\n --> \.env:2:13$/m);
});

test('--dotenv is the env file option that Node never reads: a hostile env file given through npx runs nothing', () => {
  const folder = workFolder('dotenv-npx', { 'compose.yaml': N8N });
  const marker = join(folder, 'marker');
  writeFileSync(join(folder, 'hook.cjs'), `require('node:fs').appendFileSync(${JSON.stringify(marker)}, process.argv.join(' ') + '\\n');\n`);
  writeFileSync(join(folder, 'evil.env'), `NODE_OPTIONS="--require ${join(folder, 'hook.cjs')}"\nN8N_VERSION=1.0.0\n`);
  const npx = (args) =>
    spawnSync('npx', ['--no-install', 'compose-architect', ...args], {
      cwd: folder,
      env: { ...CLEAN_ENV, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
      encoding: 'utf8',
    });

  // the way the README says: the file is read as an env file by the command, and by no Node
  const result = npx(['check', 'compose.yaml', '--dotenv', 'evil.env', '--format', 'json']);
  assert.equal(result.status, 0, result.stderr);
  const unset = json({ out: result.stdout }).findings.filter((f) => f.rule === 'unset-variable').map((f) => f.message.split(' ')[1]);
  assert.ok(!unset.includes('N8N_VERSION'), 'evil.env was read as an env file');
  assert.ok(unset.includes('POSTGRES_USER'));
  assert.equal(existsSync(marker), false, 'no process ran the NODE_OPTIONS of evil.env');

  const equals = npx(['fix', 'compose.yaml', '--diff', '--dotenv=evil.env']);
  assert.equal(equals.status, 0, equals.stderr);
  assert.equal(existsSync(marker), false, 'no process ran the NODE_OPTIONS of evil.env');

  // a missing one is our input error, not Node's exit 9
  const missing = npx(['check', 'compose.yaml', '--dotenv', 'missing.env']);
  assert.equal(missing.status, 3, missing.stderr);
  assert.match(missing.stderr, /cannot read missing\.env: no such file/);

  // --dotenv and --env-file may be mixed: every file given is read
  writeFileSync(join(folder, 'a.env'), 'N8N_VERSION=1.0.0\n');
  writeFileSync(join(folder, 'b.env'), 'RUNNERS_AUTH_TOKEN=t\n');
  const mixed = run(['check', 'compose.yaml', '--env-file', 'a.env', '--dotenv', 'b.env', '--format', 'json'], { cwd: folder });
  const stillUnset = json(mixed).findings.filter((f) => f.rule === 'unset-variable').map((f) => f.message.split(' ')[1]);
  assert.deepEqual(stillUnset, ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_NON_ROOT_USER', 'POSTGRES_NON_ROOT_PASSWORD']);
});

test('--profile enables the services of a Compose profile; overrides merge in order', () => {
  const plain = json(run(['check', ELK, '--format', 'json']));
  const setup = json(run(['check', ELK, '--profile', 'setup', '--format', 'json']));
  assert.equal(plain.summary.services, 3);
  assert.equal(setup.summary.services, 5);
  assert.ok(setup.findings.some((f) => f.rule === 'build-context' && /setup/.test(f.message)));
  assert.ok(!plain.findings.some((f) => f.rule === 'build-context' && /\bsetup\b/.test(f.message)));

  const base = 'frappe_docker__compose.yaml';
  const override = 'frappe_docker__overrides_compose.mariadb-secrets.yaml';
  const merged = json(run(['check', base, override, '--format', 'json']));
  assert.ok(merged.findings.some((f) => f.file === override), 'findings cite the override file');
  assert.ok(merged.findings.some((f) => f.file === base), 'and the base file');
});

test('--requirements judges the files against a requirements profile', () => {
  const folder = workFolder('requirements', { 'compose.yaml': MINECRAFT });
  writeFileSync(join(folder, 'profile.yaml'), 'domain: healthcare\ncompliance: [hipaa]\nuptime: 99.99\n');
  const plain = run(['check', 'compose.yaml'], { cwd: folder });
  const judged = run(['check', 'compose.yaml', '--requirements', 'profile.yaml', '--format', 'json'], { cwd: folder });

  assert.equal(plain.code, 0);
  assert.equal(judged.code, 1, 'an SLA error fails the run');
  const sla = json(judged).findings.filter((f) => f.category === 'sla');
  assert.deepEqual(
    sla.map((f) => [f.rule, f.severity, f.start.line]),
    [
      ['sla-missing-healthcheck', 'error', 2],
      ['sla-single-replica', 'warning', 2],
    ],
  );
  assert.match(sla[0].message, /99\.99% uptime/);
  assert.ok(!json(judged).findings.some((f) => f.rule === 'missing-healthcheck'), 'the SLA rule replaces the plain one');
});

test('usage errors exit 2 and say what is wrong', () => {
  const cases = [
    [[], /usage: compose-architect COMMAND/],
    [['lint', MINECRAFT], /unknown command "lint"/],
    [['check'], /missing FILES/],
    [['check', MINECRAFT, '--format', 'xml'], /--format must be one of text, json, sarif, markdown, github; got "xml"/],
    [['check', MINECRAFT, '--fail-on', 'fatal'], /--fail-on must be one of error, warning, info/],
    [['check', MINECRAFT, '--colour'], /Unknown option '--colour'/],
    [['recommend'], /missing PROFILE/],
    [['recommend', 'a.yaml', 'b.yaml'], /unexpected argument "b.yaml"/],
    [['generate', 'profile.yaml'], /missing --out DIR/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', 'two'], /--iteration must be a whole number from 1 to 7; got "two"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', '8'], /--iteration must be a whole number from 1 to 7; got "8"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', 'abc'], /--iteration must be a whole number from 1 to 7; got "abc"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', '0'], /--iteration must be a whole number from 1 to 7; got "0"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', '1.5'], /--iteration must be a whole number from 1 to 7; got "1\.5"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', 'NaN'], /--iteration must be a whole number from 1 to 7; got "NaN"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration=-1'], /--iteration must be a whole number from 1 to 7; got "-1"/],
    [['generate', 'profile.yaml', '--out', 'x', '--iteration', '1e0'], /--iteration must be a whole number from 1 to 7; got "1e0"/],
    [['rules', '--format', 'sarif'], /--format must be one of text, json, markdown/],
  ];
  for (const [args, message] of cases) {
    const result = run(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.err}`);
    assert.match(result.err + result.out, message, args.join(' '));
  }
});

test('a missing or unreadable input exits 3 and names it', () => {
  const missing = run(['check', 'no-such-compose.yaml']);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /cannot read no-such-compose\.yaml: no such file/);
  assert.equal(missing.out, '');

  const missingEnv = run(['check', MINECRAFT, '--env-file', 'missing.env']);
  assert.equal(missingEnv.code, 3);
  assert.match(missingEnv.err, /cannot read missing\.env/);

  const folder = workFolder('bad-input', { 'compose.yaml': MINECRAFT });
  writeFileSync(join(folder, 'rules.json'), '{"missing-healthcheck": "loud"}');
  writeFileSync(join(folder, 'broken.json'), '{');
  writeFileSync(join(folder, 'astrology.yaml'), 'domain: astrology\n');
  const badSetting = run(['check', 'compose.yaml', '--rules-config', 'rules.json'], { cwd: folder });
  assert.equal(badSetting.code, 3);
  assert.match(badSetting.err, /missing-healthcheck/);
  writeFileSync(join(folder, 'typo.json'), '{"missing-healthchek": "off"}');
  const typo = run(['check', 'compose.yaml', '--rules-config', 'typo.json'], { cwd: folder });
  assert.equal(typo.code, 3);
  assert.match(typo.err, /no rule has the id "missing-healthchek"/);
  const badJson = run(['check', 'compose.yaml', '--rules-config', 'broken.json'], { cwd: folder });
  assert.equal(badJson.code, 3);
  assert.match(badJson.err, /broken\.json: invalid JSON/);
  const badProfile = run(['recommend', 'astrology.yaml'], { cwd: folder });
  assert.equal(badProfile.code, 3);
  assert.match(badProfile.err, /astrology\.yaml: .*astrology/);
  assert.equal(run(['recommend', 'nothing.yaml'], { cwd: folder }).code, 3);
  assert.equal(run(['check', '.'], { cwd: folder }).code, 3);
});

test('an input that is not UTF-8 exits 3 at the line and column of its first invalid byte, and nothing is written', () => {
  const folder = workFolder('not-utf8', { 'good.yaml': MINECRAFT });
  const latin1 = Buffer.from('services:\n  web:\n    image: "caf\xe9"\n    build: .\n', 'latin1');
  writeFileSync(join(folder, 'compose.yaml'), latin1);

  const checked = run(['check', 'compose.yaml'], { cwd: folder });
  assert.equal(checked.code, 3, checked.err);
  assert.equal(checked.err, 'compose-architect check: compose.yaml:3:16: not UTF-8: byte 0xe9 at offset 32\n');
  assert.equal(checked.out, '');

  const fixed = run(['fix', 'compose.yaml', '--write'], { cwd: folder });
  assert.equal(fixed.code, 3, fixed.err);
  assert.match(fixed.err, /compose\.yaml:3:16: not UTF-8/);
  assert.deepEqual(readFileSync(join(folder, 'compose.yaml')), latin1);
  assert.equal(existsSync(join(folder, '.env.example')), false);

  // the column counts UTF-16 units, as every position of ours does; an env file, the .env
  // read by default and a profile are inputs like any other
  writeFileSync(join(folder, 'ci.env'), Buffer.concat([Buffer.from('A=1\nB=\u{1F600}'), Buffer.from([0xff, 0x0a])]));
  const env = run(['check', 'good.yaml', '--dotenv', 'ci.env'], { cwd: folder });
  assert.equal(env.code, 3, env.err);
  assert.match(env.err, /ci\.env:2:5: not UTF-8: byte 0xff at offset 10\n/);
  writeFileSync(join(folder, '.env'), Buffer.from([0x41, 0x3d, 0xc3, 0x28, 0x0a]));
  const dotenv = run(['check', 'good.yaml'], { cwd: folder });
  assert.equal(dotenv.code, 3, dotenv.err);
  assert.match(dotenv.err, /\.env:1:3: not UTF-8: byte 0xc3 at offset 2\n/);
  writeFileSync(join(folder, 'profile.yaml'), Buffer.from('name: Caf\xe9\ndomain: web-app\n', 'latin1'));
  const profile = run(['recommend', 'profile.yaml'], { cwd: folder });
  assert.equal(profile.code, 3, profile.err);
  assert.match(profile.err, /profile\.yaml:1:10: not UTF-8: byte 0xe9 at offset 9\n/);

  // a byte order mark is UTF-8: kept, not an error
  writeFileSync(join(folder, '.env'), '\ufeffA=1\n');
  assert.equal(run(['check', 'good.yaml'], { cwd: folder }).code, 0);
});

test('an input that is not a regular file, or is larger than 8 MiB, exits 3 before it is read', () => {
  const folder = workFolder('not-regular', { 'compose.yaml': MINECRAFT });
  execFileSync('mkfifo', [join(folder, 'pipe.yaml')]);
  writeFileSync(join(folder, 'big.yaml'), '');
  truncateSync(join(folder, 'big.yaml'), 8 * 1024 * 1024 + 1);
  // a wait or an endless read fails the test at its time limit instead of hanging it
  const bounded = (args) => {
    const result = spawnSync(bin, args, { cwd: folder, env: CLEAN_ENV, encoding: 'utf8', timeout: 20_000 });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  const cases = [
    [['check', 'pipe.yaml'], 'cannot read pipe.yaml: it is a named pipe, not a regular file'],
    [['check', '/dev/zero'], 'cannot read /dev/zero: it is a character device, not a regular file'],
    [['check', 'compose.yaml', '--dotenv', '/dev/zero'], 'cannot read /dev/zero: it is a character device, not a regular file'],
    [['recommend', 'pipe.yaml'], 'cannot read pipe.yaml: it is a named pipe, not a regular file'],
    [['check', 'big.yaml'], 'cannot read big.yaml: it is 8388609 bytes, more than the limit of 8388608 (8 MiB)'],
    [['fix', 'big.yaml', '--write'], 'cannot read big.yaml: it is 8388609 bytes, more than the limit of 8388608 (8 MiB)'],
  ];
  for (const [args, message] of cases) {
    const result = bounded(args);
    assert.equal(result.code, 3, `${args.join(' ')}: ${result.err}`);
    assert.equal(result.err, `compose-architect ${args[0]}: ${message}\n`);
    assert.equal(result.out, '');
  }
  assert.equal(statSync(join(folder, 'big.yaml')).size, 8 * 1024 * 1024 + 1);
});

test('recommend prints a summary, or the whole recommendation as JSON', () => {
  const folder = workFolder('recommend');
  writeFileSync(join(folder, 'profile.yaml'), 'name: Notes\ndomain: web-app\nteamLanguages: [go]\n');
  writeFileSync(join(folder, 'profile.json'), JSON.stringify({ domain: 'ai-ml', teamLanguages: ['python'] }));

  const text = run(['recommend', 'profile.yaml'], { cwd: folder });
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /^pattern: .*\(three-tier, score \d+\)$/m);
  assert.match(text.out, /^framework: .*\(go, score \d+\)$/m);
  assert.match(text.out, /^ {2}because /m);
  assert.match(text.out, /^availability: 99\.9% /m);

  const full = json(run(['recommend', 'profile.json', '--format', 'json'], { cwd: folder }));
  assert.equal(full.framework.choice, 'python-fastapi');
  assert.ok(Array.isArray(full.framework.alternatives));
  assert.ok(full.plans.length === 3);
});

test('generate into a folder that cannot be made says so and exits 3, and makes nested folders', () => {
  const folder = workFolder('generate-folders');
  writeFileSync(join(folder, 'profile.yaml'), 'domain: web-app\n');

  // under /proc no folder can be made: an error, not a wait
  const refused = spawnSync(bin, ['generate', 'profile.yaml', '--out', '/proc/compose-architect-out'], {
    cwd: folder,
    env: CLEAN_ENV,
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(refused.status, 3, refused.stderr);
  assert.match(refused.stderr, /cannot write \/proc\/compose-architect-out\/compose\.yaml/);

  const nested = run(['generate', 'profile.yaml', '--out', 'a/b/c'], { cwd: folder });
  assert.equal(nested.code, 0, nested.err);
  assert.ok(readFileSync(join(folder, 'a/b/c/compose.yaml'), 'utf8').startsWith('# '));
});

test('generate --out / is a folder like any other: no internal error', () => {
  const folder = workFolder('generate-root');
  writeFileSync(join(folder, 'profile.yaml'), 'domain: web-app\n');
  // the test must not write into /: as root, the command runs as nobody, who may not
  const asRoot = process.getuid() === 0;
  if (asRoot) for (const path of [consumer, folder]) chmodSync(path, 0o755);
  const result = spawnSync(bin, ['generate', 'profile.yaml', '--out', '/'], {
    cwd: folder,
    env: CLEAN_ENV,
    encoding: 'utf8',
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });

  assert.equal(result.status, 3, result.stderr);
  assert.equal(result.stderr, 'compose-architect generate: cannot write /compose.yaml: permission denied\n');
  assert.equal(existsSync('/compose.yaml'), false);
});

test('generate writes the files, refuses to replace them, and replaces them with --force', () => {
  const folder = workFolder('generate');
  writeFileSync(join(folder, 'profile.yaml'), 'domain: web-app\nteamLanguages: [go]\n');

  const first = run(['generate', 'profile.yaml', '--out', 'out'], { cwd: folder });
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^wrote out\/compose\.yaml$/m);
  assert.match(first.out, /^wrote out\/handoff\.md$/m);
  const compose = readFileSync(join(folder, 'out/compose.yaml'), 'utf8');
  assert.match(compose, /^services:/m);
  assert.match(readFileSync(join(folder, 'out/handoff.md'), 'utf8'), /## Container images/);

  // the generated spec loads cleanly when checked by the same command line
  const checked = json(run(['check', 'out/compose.yaml', '--format', 'json'], { cwd: folder }));
  assert.deepEqual(checked.findings.filter((f) => ['syntax', 'schema', 'reference'].includes(f.category)), []);

  writeFileSync(join(folder, 'out/handoff.md'), 'my notes');
  const again = run(['generate', 'profile.yaml', '--out', 'out'], { cwd: folder });
  assert.equal(again.code, 3);
  const written = first.out.trimEnd().split('\n').map((line) => line.replace(/^wrote /, ''));
  assert.ok(written.length >= 2);
  assert.ok(again.err.includes(`not replacing ${written.join(', ')}; nothing was written`), again.err);
  assert.equal(readFileSync(join(folder, 'out/handoff.md'), 'utf8'), 'my notes');

  const forced = run(['generate', 'profile.yaml', '--out', 'out', '--force', '--iteration', '1'], { cwd: folder });
  assert.equal(forced.code, 0, forced.err);
  assert.match(readFileSync(join(folder, 'out/handoff.md'), 'utf8'), /## Container images/);

  // the top of the ladder writes the same set of files, with a richer compose spec
  const top = run(['generate', 'profile.yaml', '--out', 'top', '--iteration', '7'], { cwd: folder });
  assert.equal(top.code, 0, top.err);
  assert.deepEqual(
    top.out.trimEnd().split('\n').map((line) => line.replace(/^wrote top\//, '')),
    written.map((path) => path.replace(/^out\//, '')),
  );
  assert.ok(written.includes('out/.env.example') && written.includes('out/architecture.svg'), written.join(', '));
  assert.notEqual(readFileSync(join(folder, 'top/compose.yaml'), 'utf8'), compose);
  assert.match(readFileSync(join(folder, 'top/architecture.svg'), 'utf8'), /^<svg /);

  const beyond = run(['generate', 'profile.yaml', '--out', 'far', '--iteration', '99'], { cwd: folder });
  assert.equal(beyond.code, 2);
  assert.match(beyond.err, /--iteration must be a whole number from 1 to 7; got "99"/);
  assert.equal(existsSync(join(folder, 'far')), false);
});

test('rules lists every rule in text, JSON and Markdown', () => {
  const list = json(run(['rules', '--format', 'json']));
  const ids = list.map((rule) => rule.id);
  assert.ok(ids.includes('build-context') && ids.includes('unpinned-image'));
  assert.equal(new Set(ids).size, ids.length);

  const text = run(['rules']).out.trimEnd().split('\n');
  assert.equal(text.length, list.length);
  assert.match(text.find((line) => line.startsWith('build-context ')), /readiness +error +.*\[blocks onboarding\]$/);
  assert.match(text.find((line) => line.startsWith('environment-becomes-parameter ')), /info \(off by default\)/);

  const markdown = run(['rules', '--format', 'markdown']).out;
  for (const id of ids) assert.match(markdown, new RegExp(`^## ${id}$`, 'm'));
  assert.match(markdown, /^\| \[`build-context`\]\(#build-context\) \| readiness \| error \| yes \|/m);
});

test('npx runs the installed command, and --version prints the crate version', () => {
  const result = spawnSync('npx', ['--no-install', 'compose-architect', '--version'], {
    cwd: consumer,
    env: { ...CLEAN_ENV, npm_config_offline: 'true' },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(result.stdout.trim(), /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
  assert.equal(run(['--help']).code, 0);
  assert.equal(run(['check', '--help']).code, 0);
  assert.match(run(['check', '--help']).out, /--fail-on LEVEL/);
});

test('every command line in the package README runs with the options it shows', () => {
  const readme = readFileSync(join(consumer, 'node_modules/compose-architect/README.md'), 'utf8');
  const folder = workFolder('readme', { 'compose.yaml': MONGO, 'compose.prod.yaml': MINECRAFT });
  writeFileSync(join(folder, 'profile.yaml'), 'domain: web-app\nteamLanguages: [go]\n');
  writeFileSync(join(folder, 'answers.json'), JSON.stringify({ registry: 'ghcr.io/acme', tag: '1.0.0' }));
  writeFileSync(join(folder, 'ci.env'), 'TZ=UTC\n');

  const commands = [...readme.matchAll(/npx (?:--yes )?compose-architect ([^\n`|>]+)/g)]
    .map((m) => m[1].trim().split(/\s+/))
    .filter((args) => !args.includes('...'));
  assert.ok(commands.length >= 8, `found ${commands.length} examples`);
  // Node 20 itself loads an --env-file on npx's command line: no example may show one
  assert.deepEqual(commands.filter((args) => args.some((arg) => arg.startsWith('--env-file'))), []);
  for (const args of commands) {
    const result = run(args, { cwd: folder });
    assert.ok([0, 1].includes(result.code), `${args.join(' ')} exited ${result.code}: ${result.err}`);
    assert.notEqual(result.out, '', args.join(' '));
  }
});

test('the profile example in the package README names every field and recommends', () => {
  const readme = readFileSync(join(consumer, 'node_modules/compose-architect/README.md'), 'utf8');
  const section = readme.split('### The requirements profile')[1] ?? '';
  const example = section.match(/```yaml\n([\s\S]*?)```/)?.[1] ?? '';
  const folder = workFolder('readme-profile');
  writeFileSync(join(folder, 'profile.yaml'), example);

  // every field of the Profile declaration is shown
  const types = readFileSync(join(consumer, 'node_modules/compose-architect/compose_architect.d.ts'), 'utf8');
  const declaration = types.match(/export interface Profile \{([\s\S]*?)\n\}/)?.[1] ?? '';
  const fields = [...declaration.matchAll(/^\s+(\w+)\?:/gm)].map((m) => m[1]);
  assert.ok(fields.length >= 20, `found ${fields.length} fields`);
  const shown = [...example.matchAll(/^(\w+):/gm)].map((m) => m[1]);
  assert.deepEqual(fields.filter((field) => !shown.includes(field)), []);

  const result = run(['recommend', 'profile.yaml', '--format', 'json'], { cwd: folder });
  assert.equal(result.code, 0, result.err);
  const recommendation = json(result);
  assert.equal(recommendation.framework.choice, 'node-express');
  assert.deepEqual(recommendation.compliance.map((regime) => regime.id), ['hipaa', 'soc2', 'data-residency']);
  // the answers given leave none of the profile's questions open
  assert.deepEqual(recommendation.openQuestions, []);
});

test('a reader that stops early does not turn the run into a failure', () => {
  // the Markdown rule list is larger than a pipe holds, so the writer meets a closed pipe
  const result = spawnSync('bash', ['-c', `set -o pipefail; "${bin}" rules --format markdown | head -n 1`], {
    env: CLEAN_ENV,
    encoding: 'utf8',
  });
  assert.equal(result.stdout, '# Rules\n');
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stderr, /EPIPE/);
});

test('a closed stderr keeps the exit code of a usage or input error', () => {
  // the reader of stderr is gone before the command writes its message
  const closed = (args) =>
    spawnSync('bash', ['-c', `"${bin}" ${args} 2> >(exit 0); echo "exit $?"`], {
      env: CLEAN_ENV,
      encoding: 'utf8',
    }).stdout;
  assert.equal(closed('check --no-such-option'), 'exit 2\n');
  assert.equal(closed('check no-such-file.yaml'), 'exit 3\n');
});

const WORDPRESS = 'awesome-compose__wordpress-mysql_compose.yaml';

test('fix --diff prints the edits, says what it did on stderr, and changes no file', () => {
  const folder = workFolder('fix-diff', { 'compose.yaml': MONGO });
  const before = readFileSync(join(folder, 'compose.yaml'), 'utf8');

  const result = run(['fix', 'compose.yaml', '--diff', '--rule', 'build-context'], { cwd: folder });

  assert.equal(result.code, 0, result.err);
  assert.match(result.out, /^--- a\/compose\.yaml\n\+\+\+ b\/compose\.yaml\n@@ /);
  assert.match(result.out, /^-    build:$/m);
  assert.match(result.out, /^\+    image: docker\.io\/project\/frontend:0\.1\.0$/m);
  assert.match(result.err, /^fixed compose\.yaml:3:5 \[build-context\] service frontend now pulls /m);
  assert.match(result.err, /^ {2}run: docker push docker\.io\/project\/frontend:0\.1\.0$/m);
  assert.match(result.err, /^ {2}default: .*answer images\.frontend/m);
  assert.equal(readFileSync(join(folder, 'compose.yaml'), 'utf8'), before);

  writeFileSync(join(folder, 'answers.json'), JSON.stringify({ registry: 'ghcr.io/acme', tag: '1.0.0' }));
  const answered = run(['fix', 'compose.yaml', '--diff', '--rule', 'build-context', '--answers', 'answers.json'], { cwd: folder });
  assert.equal(answered.code, 0, answered.err);
  assert.match(answered.out, /^\+    image: ghcr\.io\/acme\/backend:1\.0\.0$/m);
  assert.doesNotMatch(answered.err, /default:/);

  // every fix at once, and the result passes where it failed
  const all = run(['fix', 'compose.yaml', '--diff'], { cwd: folder });
  assert.match(all.out, /^\+ {8}condition: service_healthy$/m);
  assert.match(all.err, /^skipped compose\.yaml:\d+:\d+ \[missing-healthcheck\] no health check is known/m);
});

test('fix --write rewrites the files and adds .env.example, or extends the one already there', () => {
  const folder = workFolder('fix-write', { 'site/compose.yaml': WORDPRESS });
  const original = readFileSync(join(folder, 'site/compose.yaml'), 'utf8');
  assert.equal(run(['check', 'site/compose.yaml'], { cwd: folder }).code, 1);

  const result = run(['fix', 'site/compose.yaml', '--write', '--rule', 'hardcoded-secret'], { cwd: folder });

  assert.equal(result.code, 0, result.err);
  assert.equal(result.out, 'wrote site/compose.yaml\nwrote site/.env.example\n');
  assert.equal(
    readFileSync(join(folder, 'site/.env.example'), 'utf8'),
    'MYSQL_PASSWORD=\nMYSQL_ROOT_PASSWORD=\nWORDPRESS_DB_PASSWORD=\n',
  );
  const after = json(run(['check', 'site/compose.yaml', '--format', 'json'], { cwd: folder }));
  assert.deepEqual(after.findings.filter((f) => f.rule === 'hardcoded-secret'), []);

  // an .env.example already there is extended with what it lacks, its own lines kept;
  // its example values are not used to analyze the file
  writeFileSync(join(folder, 'site/compose.yaml'), original);
  writeFileSync(join(folder, 'site/.env.example'), '# the team\'s variables\nMYSQL_PASSWORD=example\nTZ=UTC\n');
  const diff = run(['fix', 'site/compose.yaml', '--diff', '--rule', 'hardcoded-secret'], { cwd: folder });
  assert.equal(diff.code, 0, diff.err);
  assert.match(diff.out, /^--- a\/site\/\.env\.example\n\+\+\+ b\/site\/\.env\.example$/m);
  assert.match(diff.out, /^\+MYSQL_ROOT_PASSWORD=$/m);
  assert.doesNotMatch(diff.out, /^\+MYSQL_PASSWORD=/m);
  const again = run(['fix', 'site/compose.yaml', '--write', '--rule', 'hardcoded-secret'], { cwd: folder });
  assert.equal(again.code, 0, again.err);
  assert.equal(again.out, 'wrote site/compose.yaml\nwrote site/.env.example\n');
  assert.equal(
    readFileSync(join(folder, 'site/.env.example'), 'utf8'),
    "# the team's variables\nMYSQL_PASSWORD=example\nTZ=UTC\nMYSQL_ROOT_PASSWORD=\nWORDPRESS_DB_PASSWORD=\n",
  );
});

test('fix: usage errors exit 2, unreadable inputs 3', () => {
  const cases = [
    [['fix', MONGO], /give exactly one of --diff and --write/],
    [['fix', MONGO, '--diff', '--write'], /give exactly one of --diff and --write/],
    [['fix', '--diff'], /missing FILES/],
    [['fix', MONGO, '--diff', '--rule', 'nonsense'], /--rule: no fix for rule "nonsense"; rules with a fix: build-context, /],
  ];
  for (const [args, message] of cases) {
    const result = run(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.err}`);
    assert.match(result.err, message);
  }
  assert.equal(run(['fix', 'missing.yaml', '--diff']).code, 3);
  const folder = workFolder('fix-bad-answers', { 'compose.yaml': MONGO });
  writeFileSync(join(folder, 'answers.json'), '{"colour": "blue"}');
  const badAnswers = run(['fix', 'compose.yaml', '--diff', '--answers', 'answers.json'], { cwd: folder });
  assert.equal(badAnswers.code, 3);
  assert.match(badAnswers.err, /colour/);
});
