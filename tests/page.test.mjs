// The page in headless Chromium: the editor and its findings, every way a file comes
// in (paste, open, drop), every view, the reload, storage turned off, keyboard use, a
// 360-pixel window, light and dark themes, and axe-core with no violations. Screenshots
// of the main views go to tests/output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { OUTPUT, analyzed, editorSelection, editorText, launch, nextAnalysis, servePage } from './browser.mjs';
import { corpusFile } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWS = ['guide', 'findings', 'checklist', 'inventory', 'diagram', 'discovery', 'generated', 'handoff', 'fixes'];

let server;
let origin;
let browser;

before(async () => {
  ({ server, origin } = await servePage());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Every request any page of this file asked for outside the page's own origin. */
const foreignRequests = [];

/** A fresh browser profile on the page, every request outside it aborted and recorded. */
async function openPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, errors };
}

/** Replaces the shown file's text by pasting it, as a user would. */
async function paste(page, text) {
  const before = await analyzed(page);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await nextAnalysis(page, before);
}

function findings(page) {
  return page.$$eval('#findings li.finding[data-rule]', (items) =>
    items.map((li) => ({
      rule: li.dataset.rule,
      file: li.dataset.file,
      line: Number(li.dataset.line),
      column: Number(li.dataset.column),
      severity: li.dataset.severity,
      category: li.dataset.category,
    })),
  );
}

async function axe(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the editor marks the findings in the gutter and underlines them, with the message on hover', async () => {
  const { context, page, errors } = await openPage();

  const markers = await page.$$eval('#editor', ([host]) => host.shadowRoot.querySelectorAll('.cm-lint-marker').length);
  assert.ok(markers >= 5, `gutter marks: ${markers}`);
  const ranges = await page.$$eval('#editor', ([host]) =>
    [...host.shadowRoot.querySelectorAll('.cm-lintRange-error')].map((r) => r.textContent),
  );
  assert.ok(ranges.includes('build'), `underlined: ${ranges}`);
  assert.ok(await page.$('#editor .cm-content .tok-propertyName, #editor .cm-content span[class]'), 'the YAML is highlighted');

  const build = page.locator('#editor .cm-lintRange-error', { hasText: 'build' }).first();
  await build.hover();
  const tooltip = page.locator('#editor .cm-tooltip-lint');
  await tooltip.waitFor();
  const hover = await tooltip.textContent();
  const rule = (await findings(page)).find((f) => f.rule === 'build-context');
  assert.ok(rule, 'the sample has a build-context finding');
  const message = await page.textContent('#findings li[data-rule="build-context"] .message');
  assert.ok(hover.includes(message), `the hover shows "${message}": ${hover}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a pasted corpus file shows its findings at the right lines, and a finding jumps to its range', async () => {
  const { context, page } = await openPage();
  const text = corpusFile('awesome-compose__react-express-mongodb_compose.yaml');

  await paste(page, text);
  assert.equal(await editorText(page), text, 'the pasted text is in the editor');
  await page.click('#tab-findings');
  const builds = (await findings(page)).filter((f) => f.rule === 'build-context');
  assert.deepEqual(
    builds.map((f) => [f.line, f.column]),
    [
      [3, 5],
      [20, 5],
    ],
  );

  await page.click('#findings li[data-rule="build-context"][data-line="20"] button');
  assert.equal(await editorSelection(page), 'build');
  const active = await page.$eval('#editor', (host) => host.shadowRoot.querySelector('.cm-activeLine').textContent);
  assert.equal(active.trim(), 'build:', 'the selection is on line 20');
  await context.close();
});

const OVERRIDE = 'services:\n  cache:\n    image: redis:latest\n';
const ENV = 'WEB_TAG=1.27.3\n';
const BASE = 'services:\n  web:\n    image: nginx:${WEB_TAG}\n';

test('broken YAML is a syntax finding at its position, marked in the gutter, and the page carries on', async () => {
  const { context, page, errors } = await openPage();
  await paste(page, 'services:\n  web: [\n');
  await page.click('#tab-findings');
  assert.deepEqual(await findings(page), [
    { rule: 'yaml-syntax', file: 'compose.yaml', line: 3, column: 1, severity: 'error', category: 'syntax' },
  ]);
  const marked = await page.$eval('#editor', (host) => host.shadowRoot.querySelectorAll('.cm-lint-marker-error').length);
  assert.equal(marked, 1);

  await paste(page, 'services:\n  web:\n    image: nginx:1.27.3\n');
  assert.match(await page.textContent('#summary'), /0 error\(s\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('files opened with the file chooser become tabs, and the analysis reads them together', async () => {
  const { context, page } = await openPage();
  await paste(page, BASE);

  const before = await analyzed(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-label')]);
  assert.ok(chooser.isMultiple());
  await chooser.setFiles([
    { name: 'compose.override.yaml', mimeType: 'text/yaml', buffer: Buffer.from(OVERRIDE) },
    { name: '.env', mimeType: 'text/plain', buffer: Buffer.from(ENV) },
  ]);
  await nextAnalysis(page, before);

  const tabs = await page.$$eval('#tabs [role="tab"]', (t) => t.map((x) => [x.dataset.path, x.getAttribute('aria-selected')]));
  assert.deepEqual(tabs, [
    ['compose.yaml', 'false'],
    ['compose.override.yaml', 'false'],
    ['.env', 'true'],
  ]);
  assert.equal(await editorText(page), ENV.trimEnd() + '\n');

  await page.click('#tab-inventory');
  const images = await page.$$eval('#inventory tbody tr', (rows) => rows.map((r) => [...r.cells].slice(0, 2).map((c) => c.textContent)));
  assert.deepEqual(images, [
    ['web', 'nginx:1.27.3'],
    ['cache', 'redis:latest'],
  ]);
  await page.click('#tab-findings');
  const unpinned = (await findings(page)).filter((f) => f.rule === 'unpinned-image');
  assert.deepEqual(unpinned.map((f) => [f.file, f.line]), [['compose.override.yaml', 3]]);

  // a finding in another file opens that file's tab
  await page.click('#findings li[data-rule="unpinned-image"] button');
  assert.equal(await page.getAttribute('#tabs [aria-selected="true"]', 'data-path'), 'compose.override.yaml');
  assert.equal(await editorSelection(page), 'redis:latest');
  await context.close();
});

test('a compose file of your own takes the place of the untouched sample; beside an edited one it joins as a tab', async () => {
  const { context, page } = await openPage();
  const own = { name: 'docker-compose.yml', mimeType: 'text/yaml', buffer: Buffer.from('services:\n  web:\n    image: nginx:1.27.3\n') };
  const tabs = () => page.$$eval('#tabs [role="tab"]', (t) => t.map((x) => x.dataset.path));

  let before = await analyzed(page);
  let [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-label')]);
  await chooser.setFiles([own]);
  await nextAnalysis(page, before);
  assert.deepEqual(await tabs(), ['docker-compose.yml']);
  assert.equal(await editorText(page), 'services:\n  web:\n    image: nginx:1.27.3\n');
  assert.match(await page.textContent('#summary'), /· 1 service\(s\)/);

  // an .env added later joins the user's file
  before = await analyzed(page);
  [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-label')]);
  await chooser.setFiles([{ name: '.env', mimeType: 'text/plain', buffer: Buffer.from(ENV) }]);
  await nextAnalysis(page, before);
  assert.deepEqual(await tabs(), ['docker-compose.yml', '.env']);

  // an edited sample is the user's own work: a file opened beside it is one more tab
  const { context: second, page: other } = await openPage();
  await other.click('#editor .cm-content');
  await other.keyboard.press('Control+End');
  await other.keyboard.type('# mine\n');
  before = await analyzed(other);
  [chooser] = await Promise.all([other.waitForEvent('filechooser'), other.click('#open-label')]);
  await chooser.setFiles([own]);
  await nextAnalysis(other, before);
  assert.deepEqual(await other.$$eval('#tabs [role="tab"]', (t) => t.map((x) => x.dataset.path)), ['compose.yaml', 'docker-compose.yml']);
  await other.click('#tabs [data-path="compose.yaml"]');
  assert.match(await editorText(other), /^# mine$/m);
  await second.close();
  await context.close();
});

test('dropped files become tabs; a dropped file with an open name replaces its text', async () => {
  const { context, page } = await openPage();

  const before = await analyzed(page);
  await page.evaluate(
    ([base, override]) => {
      const data = new DataTransfer();
      data.items.add(new File([base], 'compose.yaml', { type: 'text/yaml' }));
      data.items.add(new File([override], 'compose.override.yaml', { type: 'text/yaml' }));
      const zone = document.getElementById('drop-zone');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    ['services:\n  web:\n    image: nginx:1.27.3\n', OVERRIDE],
  );
  await nextAnalysis(page, before);

  const tabs = await page.$$eval('#tabs [role="tab"]', (t) => t.map((x) => x.dataset.path));
  assert.deepEqual(tabs, ['compose.yaml', 'compose.override.yaml']);
  await page.click('#tabs [data-path="compose.yaml"]');
  assert.equal(await editorText(page), 'services:\n  web:\n    image: nginx:1.27.3\n');
  assert.match(await page.textContent('#summary'), /2 service\(s\)/);
  await context.close();
});

test('once loaded, the page goes on working with the network off', async () => {
  const { context, page, errors } = await openPage();
  await context.setOffline(true);
  await paste(page, 'services:\n  web:\n    image: nginx:latest\n');
  await page.click('#tab-findings');
  assert.deepEqual((await findings(page)).filter((f) => f.rule === 'unpinned-image').map((f) => f.line), [3]);
  await page.click('#tab-discovery');
  await page.selectOption('#q-domain', 'analytics');
  await page.click('#tab-handoff');
  await page.waitForSelector('#handoff h3');
  assert.match(await page.textContent('#handoff'), /Architecture/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload with the network off opens the page again, with the text the user left', async () => {
  const { context, page, errors } = await openPage();
  // the offline worker keeps the page's files once it is in charge
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
  });
  const kept = await page.evaluate(async () => (await caches.keys()).length);
  assert.equal(kept, 1, 'one cache, of this build');
  await paste(page, 'services:\n  web:\n    image: nginx:latest\n');

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => Number(document.body.dataset.analyzed ?? 0) > 0);
  assert.equal(await editorText(page), 'services:\n  web:\n    image: nginx:latest\n');
  await page.click('#tab-findings');
  assert.deepEqual((await findings(page)).filter((f) => f.rule === 'unpinned-image').map((f) => f.line), [3]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('loading the sample over a file is one change that Control+Z undoes', async () => {
  const { context, page } = await openPage();
  await paste(page, BASE);
  await page.click('#load-sample');
  assert.match(await editorText(page), /^# A shop that runs/);
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+Z');
  assert.equal(await editorText(page), BASE);
  await context.close();
});

test('the text survives a reload, and "Clear saved data" forgets it', async () => {
  const { context, page } = await openPage();
  await paste(page, BASE);
  await page.fill('#file-name', 'docker-compose.yml');
  await page.press('#file-name', 'Enter');

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await editorText(page), BASE);
  assert.equal(await page.getAttribute('#tabs [aria-selected="true"]', 'data-path'), 'docker-compose.yml');

  await page.click('#forget');
  assert.equal(await page.evaluate(() => localStorage.getItem('compose-architect:state')), null);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await editorText(page), /^# A shop that runs/, 'the sample is back');
  await context.close();
});

test('with storage turned off nothing of the user is written, and a reload starts afresh', async () => {
  const { context, page } = await openPage();

  await page.uncheck('#remember');
  await paste(page, 'services:\n  secretive:\n    image: private-thing:1.0\n');
  await page.click('#tab-discovery');
  await page.fill('#q-name', 'hidden-product');
  await page.press('#q-name', 'Tab');
  await page.selectOption('#theme', 'dark');
  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  assert.deepEqual(stored, { 'compose-architect:storage': 'off' });

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await editorText(page), /^# A shop that runs/);
  assert.equal(await page.isChecked('#remember'), false, 'the choice itself is kept');

  // turning it back on keeps what is open
  await page.check('#remember');
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('compose-architect:state')));
  assert.equal(kept.files[0].path, 'compose.yaml');
  await context.close();
});

test('the findings view filters by severity and category', async () => {
  const { context, page } = await openPage();
  await page.click('#tab-findings');
  const all = await findings(page);
  const severities = new Set(all.map((f) => f.severity));
  assert.deepEqual([...severities].sort(), ['error', 'info', 'warning']);

  await page.uncheck('input[data-severity="error"]');
  const noErrors = await findings(page);
  assert.equal(noErrors.length, all.filter((f) => f.severity !== 'error').length);
  assert.ok(noErrors.every((f) => f.severity !== 'error'));

  await page.check('input[data-severity="error"]');
  await page.selectOption('#finding-category', 'security');
  const security = await findings(page);
  assert.ok(security.length > 0);
  assert.deepEqual(security, all.filter((f) => f.category === 'security'));
  assert.match(await page.textContent('#panel-findings .count'), new RegExp(`^${security.length} of ${all.length} `));
  await context.close();
});

test('markup in a service name is shown as text, in the findings and the inventory', async () => {
  const { context, page } = await openPage();
  const name = '<img src=x onerror="window.owned=1">';
  await paste(page, `services:\n  '${name}':\n    image: nginx\n`);
  assert.equal(await page.textContent('#inventory tbody td'), name);
  await page.click('#tab-findings');
  const messages = await page.$$eval('#findings .message', (m) => m.map((x) => x.textContent));
  assert.ok(messages.some((m) => m.includes(name)), messages.join('; '));
  const images = await page.$$eval('#views img', (i) => i.map((x) => x.closest('#diagram') !== null && x.src.startsWith('data:image/svg+xml')));
  assert.ok(images.every(Boolean), 'no element came from the name (the one image is the diagram)');
  assert.equal(await page.evaluate(() => window.owned), undefined);
  await context.close();
});

test('the checklist and the image inventory show the report', async () => {
  const { context, page } = await openPage();
  await page.click('#tab-checklist');
  const checklist = await page.$$eval('#checklist li.check', (items) => items.map((li) => [li.dataset.id, li.dataset.status]));
  assert.equal(checklist.length, 16, JSON.stringify(checklist));
  assert.deepEqual(checklist.find(([id]) => id === 'image-references'), ['image-references', 'fail']);

  await page.click('#tab-inventory');
  const rows = await page.$$eval('#inventory tbody tr', (r) => r.map((row) => [...row.cells].map((c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ['web', 'api', 'db']);
  assert.equal(rows.find((r) => r[0] === 'api')[3], 'custom: build and push');
  assert.equal(rows.find((r) => r[0] === 'db')[1], 'postgres');
  await page.screenshot({ path: join(OUTPUT, 'inventory.png'), fullPage: true });
  await context.close();
});

test('discovery answers change the recommendation, the generated files and the handoff, and markup stays text', async () => {
  const { context, page } = await openPage();
  await page.click('#tab-discovery');
  assert.match(await page.textContent('#recommendation [data-decision="Pattern"]'), /Simple API service/);
  // with nothing answered, the design says it is a draft on defaults
  const unanswered = await page.$$eval('#recommendation [data-question]', (items) => items.length);
  assert.ok(unanswered > 10, `${unanswered} open questions`);
  assert.equal(
    await page.textContent('#recommendation .provisional'),
    `A first draft: ${unanswered} questions that could change it are not answered yet, and defaults stand in for them (see "Still to answer" below).`,
  );

  await page.selectOption('#q-domain', 'ai-ml');
  await page.waitForFunction(() => !/Simple API service/.test(document.querySelector('#recommendation [data-decision="Pattern"] h4').textContent));
  const pattern = await page.textContent('#recommendation [data-decision="Pattern"] h4');
  assert.doesNotMatch(pattern, /Simple API service/);
  const open = await page.$$eval('#recommendation [data-question]', (items) => items.map((i) => i.dataset.question));
  assert.ok(!open.includes('domain'), 'the answered question is no longer open');
  assert.ok(open.includes('customers'));

  const name = '<img src=x onerror="window.owned=1">shop';
  await page.fill('#q-name', name);
  await page.press('#q-name', 'Tab');
  await page.click('#tab-generated');
  await page.waitForSelector('#generated [data-path="handoff.md"]');
  const paths = await page.$$eval('#generated .generated-file', (s) => s.map((x) => x.dataset.path));
  assert.ok(paths.includes('compose.yaml') && paths.includes('handoff.md'), paths.join());
  await page.screenshot({ path: join(OUTPUT, 'generated.png'), fullPage: true });

  // the ladder: every iteration the generator writes can be chosen
  const iterations = await page.$$eval('#iteration option', (o) => o.map((x) => Number(x.value)));
  assert.deepEqual(iterations, [1, 2, 3, 4, 5, 6, 7]);
  const first = await page.textContent('#generated [data-path="compose.yaml"] pre');
  assert.match(first, /iteration 1/);
  await page.selectOption('#iteration', '3');
  await page.waitForFunction(() => /iteration 3/.test(document.querySelector('#generated [data-path="compose.yaml"] pre').textContent));
  await page.selectOption('#iteration', '1');
  await page.waitForFunction(() => /iteration 1/.test(document.querySelector('#generated [data-path="compose.yaml"] pre').textContent));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#generated [data-path="compose.yaml"] button.download'),
  ]);
  assert.equal(download.suggestedFilename(), 'compose.yaml');
  const downloaded = readFileSync(await download.path(), 'utf8');
  assert.equal(downloaded, await page.textContent('#generated [data-path="compose.yaml"] pre'));
  assert.match(downloaded, /services:/);

  await page.click('#tab-handoff');
  await page.check('#handoff-design');
  // the generator makes a name of the product's name; the page shows it as text
  const source = await page.textContent('#generated [data-path="handoff.md"] pre');
  const title = source.split('\n')[0].replace(/^# /, '');
  assert.match(title, /^Handoff: [a-z0-9-]*shop$/);
  assert.equal(await page.textContent('#handoff h3'), title);
  assert.equal(await page.$$eval('#handoff img', (i) => i.length), 0);
  const tables = await page.$$eval('#handoff table', (all) =>
    all.map((table) => [...table.querySelectorAll('th')].map((th) => th.textContent).join(', ')),
  );
  assert.ok(tables.includes('service, image, registry, kind'), tables.join(' | '));
  await page.screenshot({ path: join(OUTPUT, 'handoff.png'), fullPage: true });
  await context.close();
});

test("the handoff for the user's own files is written from them, rendered, and follows edits", async () => {
  const { context, page } = await openPage();
  await page.click('#tab-handoff');
  assert.equal(await page.isChecked('#handoff-files'), true, 'the files are the default');
  await page.waitForSelector('#handoff h3');
  assert.equal(await page.textContent('#handoff h3'), 'Handoff: shop');
  assert.match(await page.textContent('#handoff'), /written from the project's own compose files/);
  // the checklist is a task list, each item with its evidence nested under it
  const checklist = await page.$$eval('#handoff li', (items) =>
    items
      .filter((li) => li.querySelector(':scope > .task'))
      .map((li) => [li.querySelector(':scope > .visually-hidden').textContent, li.querySelectorAll(':scope > ul > li').length]),
  );
  assert.ok(checklist.length >= 10, JSON.stringify(checklist));
  assert.ok(checklist.some(([state]) => state === 'done: ') && checklist.some(([state]) => state === 'open: '));
  assert.ok(checklist.every(([, evidence]) => evidence > 0), 'every item has its evidence nested');
  const downloads = await page.$$eval('#panel-handoff button.download', (b) => b.map((x) => x.dataset.path));
  assert.deepEqual(downloads, ['.env.example', 'handoff.md', 'handoff.json']);

  await paste(page, 'name: ledger\nservices:\n  books:\n    image: postgres:16.4\n');
  await page.waitForFunction(() => document.querySelector('#handoff h3')?.textContent === 'Handoff: ledger');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#panel-handoff button[data-path="handoff.json"]')]);
  const handoff = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(download.suggestedFilename(), 'handoff.json');
  assert.ok(JSON.stringify(handoff).includes('books'), 'the JSON handoff names the service');
  await page.screenshot({ path: join(OUTPUT, 'handoff-files.png'), fullPage: true });
  await context.close();
});

test('the guide shows where the project stands and opens the next step', async () => {
  const { context, page } = await openPage();
  const phases = await page.$$eval('#flow .phase', (p) => p.map((x) => [x.dataset.phase, x.dataset.status]));
  assert.deepEqual(phases.map(([id]) => id), [
    'discovery',
    'stack',
    'first-compose',
    'validate',
    'add-complexity',
    'registry',
    'platform',
    'document',
    'handoff',
  ]);
  assert.deepEqual(phases.find(([id]) => id === 'first-compose'), ['first-compose', 'done']);
  assert.deepEqual(phases.find(([id]) => id === 'validate'), ['validate', 'todo']);
  assert.deepEqual(phases[0], ['discovery', 'current']);
  await page.screenshot({ path: join(OUTPUT, 'guide.png'), fullPage: true });

  assert.equal(await page.textContent('#go-next'), 'Go to Discovery');
  await page.click('#go-next');
  assert.equal(await page.getAttribute('#tab-discovery', 'aria-selected'), 'true');
  assert.equal(await page.isVisible('#panel-discovery'), true);
  assert.equal(await page.isVisible('#panel-guide'), false);

  // a file without errors moves the project past validation
  await paste(page, 'services:\n  web:\n    image: nginx:1.27.3\n');
  await page.click('#tab-guide');
  assert.equal(await page.getAttribute('#flow [data-phase="validate"]', 'data-status'), 'done');
  await context.close();
});

test("the diagram view shows the files' architecture as an image, and follows edits", async () => {
  const { context, page } = await openPage();
  await page.click('#tab-diagram');
  const image = await page.waitForSelector('#diagram img[data-source="files"][src^="data:image/svg+xml;base64,"]');
  const decoded = async () => {
    const src = await image.getAttribute('src');
    return Buffer.from(src.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
  };
  const svg = await decoded();
  for (const service of ['web', 'api', 'db']) assert.match(svg, new RegExp(`>${service}<`), `the SVG names ${service}`);
  assert.ok((await image.evaluate((i) => i.naturalWidth)) > 0, 'the browser drew it');
  assert.match(await image.getAttribute('alt'), /web/);
  assert.match(await page.textContent('#diagram details pre'), /api/);
  await page.screenshot({ path: join(OUTPUT, 'diagram.png'), fullPage: true });

  // a service named with markup is drawn as text inside the image, never as page markup
  const name = '<img src=x onerror="window.owned=1">';
  await paste(page, `services:\n  '${name}':\n    image: nginx:1.27.3\n  cache:\n    image: redis:7.4.1\n`);
  await page.waitForFunction(() => !document.querySelector('#diagram img')?.alt.includes('api'));
  const again = await page.waitForSelector('#diagram img');
  const redrawn = Buffer.from((await again.getAttribute('src')).split(',')[1], 'base64').toString('utf8');
  assert.match(redrawn, /cache/);
  assert.doesNotMatch(redrawn, /<img/, 'the name is escaped inside the SVG');
  assert.equal(await page.$$eval('#diagram svg, #diagram script', (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.owned), undefined);
  await context.close();
});

test('fix previews: a diff of the fixes, applied to the editor in one step and undone in one step', async () => {
  const { context, page, errors } = await openPage();
  await page.click('#tab-fixes');
  await page.waitForSelector('#apply-fixes');
  const removed = await page.$$eval('#fixes .diff-del', (l) => l.map((x) => x.textContent.trimEnd()));
  const added = await page.$$eval('#fixes .diff-add', (l) => l.map((x) => x.textContent.trimEnd()));
  assert.ok(removed.includes('-    build: ./api'), removed.join('\n'));
  assert.ok(added.some((l) => /^\+ {4}image: \S+api/.test(l)), added.join('\n'));
  const applied = await page.$$eval('#fixes .applied li', (l) => l.map((x) => x.dataset.rule));
  assert.ok(applied.includes('build-context') && applied.includes('hardcoded-secret'), applied.join());
  assert.ok(await page.$('#fixes .skipped li'), 'what could not be fixed is listed');
  assert.deepEqual(await page.$$eval('#fixes .new-files button', (b) => b.map((x) => x.dataset.path)), ['.env.example']);
  await page.screenshot({ path: join(OUTPUT, 'fixes.png'), fullPage: true });

  const before = await analyzed(page);
  await page.click('#apply-fixes');
  await nextAnalysis(page, before);
  const fixed = await editorText(page);
  assert.doesNotMatch(fixed, /build: \.\/api/);
  assert.match(fixed, /POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?/);
  await page.click('#tab-findings');
  const rules = (await findings(page)).map((f) => f.rule);
  assert.ok(!rules.includes('build-context'), rules.join());

  await page.click('#tab-fixes');
  await page.click('#undo-fixes');
  assert.match(await editorText(page), /^# A shop that runs/);
  assert.match(await editorText(page), /build: \.\/api/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a registry typed and then Apply clicked at once applies the fixes for that registry in one click', async () => {
  const { context, page, errors } = await openPage();
  await page.click('#tab-fixes');
  await page.waitForSelector('#apply-fixes');

  // the field is left by the click itself: its change comes between the press and the release
  await page.fill('#fix-registry', 'ghcr.io/acme');
  const before = await analyzed(page);
  await page.click('#apply-fixes');
  await page.waitForSelector('#undo-fixes');
  await nextAnalysis(page, before);
  const fixed = await editorText(page);
  assert.doesNotMatch(fixed, /build: \.\/api/);
  assert.match(fixed, /image: ghcr\.io\/acme\/\S*api/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a registry the fixes cannot use gets its reason beside the field', async () => {
  const { context, page, errors } = await openPage();
  await page.click('#tab-fixes');
  await page.waitForSelector('#apply-fixes');
  assert.equal(await page.isHidden('#fix-answers-note'), true);

  await page.fill('#fix-registry', 'Not A Registry!');
  await page.press('#fix-registry', 'Tab');
  await page.waitForSelector('#fix-answers-note:not([hidden])');
  assert.match(await page.textContent('#fix-answers-note'), /^The registry or tag was not used: "Not A Registry!\/api:0\.1\.0" is not an image reference/);

  await page.fill('#fix-registry', 'ghcr.io/acme');
  await page.press('#fix-registry', 'Tab');
  await page.waitForSelector('#fix-answers-note', { state: 'hidden' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit made after the fix preview is never overwritten by applying it', async () => {
  const { context, page, errors } = await openPage();
  await page.click('#tab-fixes');
  await page.waitForSelector('#apply-fixes');

  // a line typed at the end, then apply at once, before the preview is made again
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# a note of mine');
  await page.click('#apply-fixes');
  assert.match(await editorText(page), /# a note of mine$/);

  // the preview is made again from the text as it is now, and applies to it
  await page.waitForSelector('#apply-fixes');
  await page.waitForFunction(() => document.querySelector('#fixes')?.textContent.length > 0);
  const before = await analyzed(page);
  await page.click('#apply-fixes');
  await nextAnalysis(page, before);
  const fixed = await editorText(page);
  assert.match(fixed, /# a note of mine$/);
  assert.doesNotMatch(fixed, /build: \.\/api/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard: the views are tabs moved by arrow keys, a finding is reached and opened, the editor lets focus go', async () => {
  const { context, page } = await openPage();

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');

  await page.focus('#tab-guide');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-findings');
  assert.equal(await page.isVisible('#panel-findings'), true);
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-fixes');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');

  // Tab moves from the tab list into the panel, then on to the filters and findings
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'panel-findings');
  let reached = null;
  for (let i = 0; i < 12 && !reached; i += 1) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => (document.activeElement.classList.contains('finding-jump') ? document.activeElement.textContent : null));
  }
  assert.ok(reached, 'a finding button is reachable by Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'editor', 'Enter moved focus into the editor');
  assert.ok((await editorSelection(page)).length > 0, 'and selected the finding');

  // in the editor Tab indents; Escape then Tab moves on
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement.id), 'editor');
  await context.close();
});

test('keyboard: the file tabs move with the arrow keys, and a file is renamed and closed', async () => {
  const { context, page } = await openPage();
  await page.click('#add-file');
  await page.click('#add-file');
  const paths = () => page.$$eval('#tabs [role="tab"]', (t) => t.map((x) => x.dataset.path));
  assert.deepEqual(await paths(), ['compose.yaml', 'compose.override.yaml', 'compose.override-2.yaml']);

  await page.focus('#tabs [aria-selected="true"]');
  await page.keyboard.press('Home');
  const focused = () => page.evaluate(() => document.activeElement.dataset.path);
  assert.equal(await focused(), 'compose.yaml');
  assert.match(await editorText(page), /^# A shop/);
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), 'compose.override.yaml');
  assert.equal(await page.getAttribute('#tabs [aria-selected="true"]', 'data-path'), 'compose.override.yaml');
  assert.equal(await editorText(page), '');

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file-name');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('.env');
  await page.keyboard.press('Enter');
  assert.deepEqual(await paths(), ['compose.yaml', '.env', 'compose.override-2.yaml']);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'close-file');
  await page.keyboard.press('Enter');
  assert.deepEqual(await paths(), ['compose.yaml', 'compose.override-2.yaml']);
  await context.close();
});

test('at 360 pixels wide nothing scrolls sideways', async () => {
  const { context, page } = await openPage({ viewport: { width: 360, height: 780 } });
  for (const view of ['guide', 'findings', 'checklist', 'discovery', 'handoff']) {
    await page.click(`#tab-${view}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${view} is ${width}px wide`);
  }
  await page.click('#tab-findings');
  await page.screenshot({ path: join(OUTPUT, 'narrow-findings.png'), fullPage: true });
  await context.close();
});

for (const [theme, width] of [['light', 1280], ['dark', 1280], ['light', 360]]) {
  test(`axe-core finds no violations in any view, ${theme} theme, ${width} pixels wide`, async () => {
    const { context, page, errors } = await openPage({ colorScheme: theme, viewport: { width, height: 900 } });
    await page.selectOption('#theme', theme);
    const found = {};
    for (const view of VIEWS) {
      await page.click(`#tab-${view}`);
      const violations = await axe(page);
      if (violations.length) found[view] = violations;
    }
    assert.deepEqual(found, {});
    await page.click('#tab-findings');
    await page.screenshot({ path: join(OUTPUT, `findings-${theme}-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a 5,000-line file is analyzed and typing into it goes on', async () => {
  const { context, page, errors } = await openPage();
  let text = 'services:\n';
  for (let i = 0; text.split('\n').length < 5000; i += 1) {
    text += `  svc${i}:\n    image: nginx:1.${i}\n    environment:\n      A: b\n    ports:\n      - "${8000 + i}:80"\n`;
  }
  await paste(page, text);
  const services = Number((await page.textContent('#summary')).match(/(\d+) service\(s\)/)[1]);
  assert.equal(services, (text.match(/^ {2}svc\d+:$/gm) ?? []).length);

  // the list draws its first 300 findings, and all of them when asked
  await page.click('#tab-findings');
  const total = Number((await page.textContent('#panel-findings .count')).match(/of (\d+)/)[1]);
  assert.ok(total > 300, `${total} findings`);
  assert.equal((await findings(page)).length, 300);
  await page.click('#all-findings');
  assert.equal((await findings(page)).length, total);

  const before = await analyzed(page);
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('  late:\n    image: redis:7.4.1\n');
  await nextAnalysis(page, before);
  await page.waitForFunction((n) => document.getElementById('summary').textContent.includes(`${n} service(s)`), services + 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('markup in environment values and labels stays text in every view, and the whole session asked for nothing outside the page', async () => {
  const { context, page, errors } = await openPage();
  const payload = '<script>window.owned=1</script><img src=x onerror="window.owned=2">';
  await paste(
    page,
    `services:\n  api:\n    build: ./api\n    labels:\n      note: '${payload}'\n    environment:\n      GREETING: '${payload}'\n      API_TOKEN: 'tok-${payload}'\n    depends_on: [db]\n  db:\n    image: postgres:16\n`,
  );

  const views = await page.$$eval('#view-tabs [role="tab"]', (tabs) => tabs.map((t) => t.id));
  assert.ok(views.length >= 8, views.join());
  for (const id of views) {
    await page.click(`#${id}`);
    const panel = `#${await page.getAttribute(`#${id}`, 'aria-controls')}`;
    await page.waitForSelector(`${panel}:not([hidden])`);
  }

  assert.equal(await page.evaluate(() => window.owned), undefined);
  const injected = await page.$$eval('#views script, #views img', (nodes) =>
    nodes.filter((n) => n.tagName === 'SCRIPT' || !n.src.startsWith('data:image/svg+xml')).map((n) => n.outerHTML),
  );
  assert.deepEqual(injected, [], 'no element came from the file');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests, [], 'no page of the session asked for another origin');
  await context.close();
});

test('a file too large for the browser storage is left out with a message; the other files and their edits are kept', async () => {
  const { context, page, errors } = await openPage();
  // about 6.5 MB of comments, more than the 5 M characters Chromium keeps for a site
  const large = 'services:\n  web:\n    labels:\n      size: large\n' + `# ${'x'.repeat(78)}\n`.repeat(80_000);
  let before = await analyzed(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-label')]);
  await chooser.setFiles([{ name: 'compose.override.yaml', mimeType: 'text/yaml', buffer: Buffer.from(large) }]);
  await nextAnalysis(page, before);

  await page.click('#tabs [data-path="compose.yaml"]');
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# an edit of mine\n');
  await page.waitForFunction(() => (localStorage.getItem('compose-architect:state') ?? '').includes('# an edit of mine'), null, {
    polling: 100,
  });
  await page.waitForSelector('#kept-note:not([hidden])');
  const note = await page.textContent('#kept-note');
  assert.match(note, /Not kept in this browser: compose\.override\.yaml, too large for its storage/);
  assert.match(note, /the other files are kept/);

  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await page.$$eval('#tabs [role="tab"]', (t) => t.map((x) => x.dataset.path)), ['compose.yaml']);
  assert.match(await editorText(page), /^# an edit of mine$/m);
  assert.equal(await page.isHidden('#kept-note'), true, 'what is open now is all kept');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a discovery answer the profile cannot take keeps the files analyzed and the answer as typed', async () => {
  const { context, page } = await openPage();
  await page.click('#tab-discovery');
  const before = await analyzed(page);
  await page.fill('#q-dr-regions', '2.5');
  await page.press('#q-dr-regions', 'Tab');
  await nextAnalysis(page, before);
  assert.equal(await page.inputValue('#q-dr-regions'), '2.5');
  const status = await page.textContent('#status');
  assert.doesNotMatch(status, /Could not analyze/);
  await page.click('#tab-findings');
  const count = await page.$$eval('#findings li.finding[data-rule]', (items) => items.length);
  assert.ok(count > 0, 'the sample still has its findings');

  // an answer kept from before that the profile refuses: the files are still read. It is
  // written as the reloaded page starts: written earlier, a save the page still had waiting
  // (a tab click is kept 300 ms later) is made as the old page goes away and replaces it
  await context.addInitScript(() => {
    const kept = JSON.parse(localStorage.getItem('compose-architect:state'));
    kept.answers = { ...kept.answers, drRegions: 2.5 };
    localStorage.setItem('compose-architect:state', JSON.stringify(kept));
  });
  // every status the page shows from here on, since a later analysis may replace it
  // (watched from the first byte of the document: the page's script may run before
  // DOMContentLoaded)
  await context.addInitScript(() => {
    window.statuses = [];
    new MutationObserver(() => {
      const text = document.getElementById('status')?.textContent;
      if (text !== undefined && text !== window.statuses.at(-1)) window.statuses.push(text);
    }).observe(document, { childList: true, characterData: true, subtree: true });
  });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  // polled on a timer: animation frames may not come to a page the system keeps busy
  await page.waitForFunction(() => window.statuses.some((s) => s.includes('A discovery answer was not used')), null, {
    polling: 100,
  });
  const statuses = await page.evaluate(() => window.statuses);
  assert.ok(
    statuses.some((s) => /A discovery answer was not used: .*drRegions/.test(s)),
    statuses.join(' | '),
  );
  assert.ok(!statuses.some((s) => /Could not analyze/.test(s)), statuses.join(' | '));
  await page.click('#tab-findings');
  await page.waitForFunction((n) => document.querySelectorAll('#findings li.finding[data-rule]').length === n, count);
  await context.close();
});
