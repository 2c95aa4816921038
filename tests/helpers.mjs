// Shared pieces of the end-to-end tests: paths, the corpus, and a packed install of the
// built package into a fresh temporary project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const CORPUS = resolve(ROOT, '../shared/corpus/real');

/** Headless Chromium that reaches nothing outside this machine. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // anything that escapes a test's own request checks goes to a dead local port
  '--proxy-server=http://127.0.0.1:9',
];

export function corpusFile(name) {
  return readFileSync(join(CORPUS, name), 'utf8');
}

export function corpusNames() {
  return readdirSync(CORPUS).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
}

/** A new temporary folder, removed when the test process exits. */
export function temporaryFolder(prefix) {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

/** Packs pkg/ and installs the tarball into a new project; returns the project's folder. */
export function installPackage() {
  const work = temporaryFolder('compose-architect-consumer-');
  const tarball = execFileSync('npm', ['pack', join(ROOT, 'pkg'), '--pack-destination', work, '--silent'], {
    cwd: work,
    encoding: 'utf8',
  }).trim().split('\n').pop();
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', join(work, tarball)], {
    cwd: work,
    stdio: 'inherit',
  });
  return work;
}
