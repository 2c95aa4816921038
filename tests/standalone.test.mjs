// The self-contained file opened from disk with the network off: it analyzes, keeps
// the analysis live, renders the handoff, and its policy allows only its own inline
// script and style (by hash) and no connection at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { OUTPUT, analyzed, editorText, launch, nextAnalysis } from './browser.mjs';
import { ROOT } from './helpers.mjs';

const FILE = join(ROOT, 'dist/standalone.html');
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the build writes one file whose policy allows only its inline script and style, by hash', () => {
  const html = readFileSync(FILE, 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.ok(policy, 'the file has a policy');
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'sha256-[A-Za-z0-9+/]+=*' 'wasm-unsafe-eval'(;|$)/);
  assert.match(policy, /style-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
  assert.match(policy, /connect-src 'none'/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|'self'/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link rel="stylesheet"/, 'nothing is loaded from beside it');
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('opened from disk with the network off, it analyzes and stays live', async () => {
  const context = await browser.newContext({ offline: true });
  const requests = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith('file:') ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(pathToFileURL(FILE).href);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await editorText(page), /^# A shop that runs/);
  const rules = await page.$$eval('#findings li[data-rule]', (items) => items.map((li) => li.dataset.rule));
  assert.ok(rules.includes('build-context') && rules.includes('hardcoded-secret'), rules.join());
  assert.match(await page.textContent('#summary'), /block onboarding/);

  // typing is analyzed here too
  const before = await analyzed(page);
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('services:\n  web:\n    image: nginx:1.27.3\n');
  await nextAnalysis(page, before);
  await page.waitForFunction(() => document.getElementById('summary').textContent.includes('1 service(s)'));

  await page.click('#tab-diagram');
  const image = await page.waitForSelector('#diagram img[src^="data:image/svg+xml;base64,"]');
  assert.ok((await image.evaluate((i) => i.naturalWidth)) > 0, 'the diagram is drawn from disk too');
  assert.match(await image.getAttribute('alt'), /web/);

  await page.click('#tab-handoff');
  assert.match(await page.textContent('#handoff h3'), /^Handoff/);
  await page.screenshot({ path: join(OUTPUT, 'standalone.png'), fullPage: true });

  assert.deepEqual(requests.filter((url) => !url.startsWith('file:')), []);
  assert.deepEqual(errors, []);
  await context.close();
});
