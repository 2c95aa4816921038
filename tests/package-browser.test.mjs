// The npm package in the browser, as web tools use it: packed and installed into a fresh
// project, then (1) bundled by Vite into a page, (2) run in a Web Worker from that
// bundle, and (3) imported as plain ES modules with no bundler; each served on loopback
// with the page's strict Content-Security-Policy and run in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from '../pkg-scripts/server.mjs';
import { CHROMIUM_ARGS, ROOT, corpusFile, installPackage } from './helpers.mjs';

const consumer = installPackage();
const SAMPLE = corpusFile('awesome-compose__react-express-mongodb_compose.yaml');

// What every page computes with the package, and reports on document.body.
const USE = `
const report = analyze({ files: [{ path: 'compose.yaml', text: ${JSON.stringify(SAMPLE)} }] });
const builds = report.findings.filter((f) => f.rule === 'build-context');
const result = {
  version: version(),
  builds: builds.map((f) => [f.file, f.start.line, f.start.column]),
  sarif: JSON.parse(render(report, 'sarif')).version,
  rules: rules().length,
};`;

function write(path, text) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function page(script) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>consumer</title></head>
<body><script type="module" src="${script}"></script></body></html>
`;
}

const REPORT = `document.body.dataset.result = JSON.stringify(result);`;
const FAIL = `.catch((error) => { document.body.dataset.error = String(error?.stack ?? error); })`;

let server;
let origin;
let browser;

before(async () => {
  // (1) a page bundled by Vite, and (2) a page that runs the package in a Web Worker
  const app = join(consumer, 'app');
  write(join(app, 'index.html'), page('./main.js'));
  write(
    join(app, 'main.js'),
    `import init, { analyze, render, rules, version } from 'compose-architect';
(async () => {
  await init();
  ${USE}
  ${REPORT}
})()${FAIL};
`,
  );
  write(join(app, 'worker.html'), page('./worker-page.js'));
  write(
    join(app, 'worker-page.js'),
    `const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (event) => {
  if (event.data.error) document.body.dataset.error = event.data.error;
  else document.body.dataset.result = JSON.stringify({ ...event.data.result, inWorker: event.data.inWorker });
};
worker.onerror = (event) => { document.body.dataset.error = event.message ?? 'worker error'; };
worker.postMessage('go');
`,
  );
  write(
    join(app, 'worker.js'),
    `import init, { analyze, render, rules, version } from 'compose-architect';
self.onmessage = async () => {
  try {
    await init();
    ${USE}
    self.postMessage({ result, inWorker: typeof document === 'undefined' && typeof WorkerGlobalScope !== 'undefined' });
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};
`,
  );
  write(
    join(app, 'vite.config.mjs'),
    `export default {
  logLevel: 'warn',
  // served from a sub-folder, so assets are addressed relative to the page
  base: './',
  build: { outDir: 'dist', rollupOptions: { input: { main: 'index.html', worker: 'worker.html' } } },
  worker: { format: 'es' },
};
`,
  );
  execFileSync('node', [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: app, stdio: 'inherit' });

  // (3) plain ES modules straight from node_modules, no bundler
  write(join(consumer, 'plain/index.html'), page('./main.js'));
  write(
    join(consumer, 'plain/main.js'),
    `import init, { analyze, render, rules, version } from '../node_modules/compose-architect/compose_architect.js';
(async () => {
  await init();
  ${USE}
  ${REPORT}
})()${FAIL};
`,
  );

  server = await serve(consumer, 0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page, lets only this server answer, and waits for its result. */
async function resultOf(path) {
  const context = await browser.newContext();
  const requests = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    requests.push(url.href);
    return url.origin === origin ? route.continue() : route.abort();
  });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${origin}${path}`);
  await tab.waitForFunction(() => document.body.dataset.result || document.body.dataset.error, null, { timeout: 20000 });
  const { result, error } = await tab.evaluate(() => document.body.dataset);
  await context.close();
  assert.equal(error, undefined, `${path}: ${error}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((url) => !url.startsWith(origin)), [], 'no request leaves the server');
  return { result: JSON.parse(result), requests };
}

function assertAnalyzed(result) {
  assert.deepEqual(result.builds, [
    ['compose.yaml', 3, 5],
    ['compose.yaml', 20, 5],
  ]);
  assert.equal(result.sarif, '2.1.0');
  assert.ok(result.rules > 30, `rules(): ${result.rules}`);
  assert.match(result.version, /^\d+\.\d+\.\d+/);
}

test('a Vite build of a page that imports the package analyzes in Chromium', async () => {
  const assets = readdirSync(join(consumer, 'app/dist/assets'));
  assert.ok(assets.some((name) => name.endsWith('.wasm')), `Vite emitted the wasm: ${assets}`);

  const { result, requests } = await resultOf('/app/dist/index.html');

  assertAnalyzed(result);
  assert.ok(requests.some((url) => /\/app\/dist\/assets\/.*\.wasm$/.test(url)), 'the page fetched the bundled wasm');
});

test('the package runs in a module Web Worker from the Vite build', async () => {
  const { result, requests } = await resultOf('/app/dist/worker.html');

  assertAnalyzed(result);
  assert.equal(result.inWorker, true);
  assert.ok(requests.some((url) => /\.wasm$/.test(url)));
});

test('plain ES modules from node_modules work with init() and no bundler', async () => {
  const { result, requests } = await resultOf('/plain/index.html');

  assertAnalyzed(result);
  assert.ok(requests.includes(`${origin}/node_modules/compose-architect/compose_architect_bg.wasm`));
});
