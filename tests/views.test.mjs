// The diagram and fix views and the handoff's Markdown reader on their own, under the page's policy, fed results shaped as
// the package returns them: the library's SVG is shown as an image that can run nothing,
// and a fix preview is a diff whose apply and undo reach the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

import { launch } from './browser.mjs';
import { serve } from '../pkg-scripts/server.mjs';
import { ROOT, temporaryFolder } from './helpers.mjs';

let server;
let origin;
let browser;
let page;

before(async () => {
  const folder = temporaryFolder('compose-architect-views-');
  await build({
    stdin: {
      contents: `import { diagramView } from './www/src/views/diagram.js';
import { fixesView } from './www/src/views/fixes.js';
import { renderMarkdown } from './www/src/markdown.js';
window.views = { diagramView, fixesView, renderMarkdown };
document.body.dataset.ready = 'true';`,
      resolveDir: ROOT,
    },
    bundle: true,
    format: 'esm',
    outfile: join(folder, 'harness.js'),
    logLevel: 'warning',
  });
  writeFileSync(
    join(folder, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>views</title></head><body><main id="here"></main><script type="module" src="harness.js"></script></body></html>',
  );
  server = await serve(folder, 0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launch();
  const context = await browser.newContext();
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin || route.request().url().startsWith('data:') ? route.continue() : route.abort(),
  );
  page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the diagram is an image from a data URL: a script or handler inside the SVG never runs', async () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" onload="window.owned=1">' +
    '<script>window.owned=2</script><text x="4" y="24">web &lt;img&gt; → db</text></svg>';
  const shown = await page.evaluate(async (source) => {
    const view = window.views.diagramView();
    document.getElementById('here').replaceChildren(view.panel);
    view.update({ diagram: { svg: source, mermaid: 'flowchart LR\n  web --> db', text: 'web → db' } });
    const image = view.panel.querySelector('img');
    await image.decode();
    return {
      src: image.src,
      alt: image.alt,
      width: image.naturalWidth,
      svgElements: view.panel.querySelectorAll('svg, script').length,
      owned: window.owned ?? null,
      text: view.panel.querySelector('details pre').textContent,
    };
  }, svg);

  assert.ok(shown.src.startsWith('data:image/svg+xml;base64,'));
  const decoded = Buffer.from(shown.src.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
  assert.equal(decoded, svg, 'the image is the SVG, byte for byte (UTF-8 included)');
  assert.equal(shown.width, 120, 'the browser decoded it as an image');
  assert.equal(shown.alt, 'web → db');
  assert.equal(shown.svgElements, 0, 'no SVG or script element entered the page');
  assert.equal(shown.owned, null, 'nothing inside the SVG ran');
  assert.equal(shown.text, 'web → db');
});

test('a fix preview shows its diff; apply hands over the files and undo is offered after', async () => {
  const fixes = {
    files: [{ path: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27.3\n', changed: true }],
    diff: '--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,3 +1,3 @@\n services:\n   web:\n-    image: nginx:latest\n+    image: nginx:1.27.3',
    applied: [{ rule: 'unpinned-image', file: 'compose.yaml', line: 3, column: 12, message: 'pinned nginx to 1.27.3', commands: [] }],
    skipped: [{ rule: 'build-context', file: 'compose.yaml', line: 5, column: 5, reason: 'no registry given' }],
  };
  const result = await page.evaluate(async (data) => {
    const calls = [];
    const view = window.views.fixesView({
      apply: (files) => calls.push(['apply', files]),
      undo: () => calls.push(['undo']),
      answer: (answers) => calls.push(['answer', answers]),
    });
    document.getElementById('here').replaceChildren(view.panel);
    view.update({ calls: ['fix'], fixes: data, undoable: false });
    const lines = [...view.panel.querySelectorAll('.diff span')].map((s) => [s.className, s.textContent.trimEnd()]);
    const applied = [...view.panel.querySelectorAll('.applied li')].map((li) => li.textContent);
    const skipped = [...view.panel.querySelectorAll('.skipped li')].map((li) => li.textContent);
    const undoBefore = Boolean(view.panel.querySelector('#undo-fixes'));
    view.panel.querySelector('#apply-fixes').click();
    view.update({ calls: ['fix'], fixes: { ...data, diff: '', applied: [], skipped: [] }, undoable: true });
    const after = view.panel.querySelector('#fixes').textContent;
    view.panel.querySelector('#undo-fixes').click();
    const registry = view.panel.querySelector('#fix-registry');
    registry.value = 'ghcr.io/acme';
    registry.dispatchEvent(new Event('change', { bubbles: true }));
    return { lines, applied, skipped, undoBefore, after, calls };
  }, fixes);

  assert.deepEqual(result.lines, [
    ['diff-file', '--- a/compose.yaml'],
    ['diff-file', '+++ b/compose.yaml'],
    ['diff-hunk', '@@ -1,3 +1,3 @@'],
    ['diff-same', ' services:'],
    ['diff-same', '   web:'],
    ['diff-del', '-    image: nginx:latest'],
    ['diff-add', '+    image: nginx:1.27.3'],
  ]);
  assert.deepEqual(result.applied, ['unpinned-image compose.yaml:3:12 pinned nginx to 1.27.3']);
  assert.deepEqual(result.skipped, ['build-context compose.yaml:5:5 no registry given']);
  assert.equal(result.undoBefore, false);
  assert.match(result.after, /No fix to offer for these files\.Undo the fixes/);
  assert.deepEqual(result.calls, [
    ['apply', fixes.files],
    ['undo'],
    ['answer', { registry: 'ghcr.io/acme', tag: undefined }],
  ]);
});

test('a fix preview with no new file and nothing skipped shows no stray text', async () => {
  const fixes = {
    files: [{ path: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27.3\n', changed: true }],
    diff: '--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,3 +1,3 @@\n services:\n   web:\n-    image: nginx:latest\n+    image: nginx:1.27.3',
    applied: [{ rule: 'unpinned-image', file: 'compose.yaml', line: 3, column: 12, message: 'pinned nginx to 1.27.3', commands: [] }],
    skipped: [],
  };
  const shown = await page.evaluate((data) => {
    const view = window.views.fixesView({ apply() {}, undo() {}, answer() {} });
    document.getElementById('here').replaceChildren(view.panel);
    view.update({ calls: ['fix'], files: data.files, fixes: data, undoable: false });
    const body = view.panel.querySelector('#fixes');
    return {
      texts: [...body.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent),
      parts: [...body.children].map((n) => n.tagName.toLowerCase()),
    };
  }, fixes);

  assert.deepEqual(shown.texts, [], 'no text node (such as "null") between the parts');
  assert.deepEqual(shown.parts, ['div', 'h3', 'ul', 'pre']);
});

test('a registry the build-context fix refuses is said beside the field, in the fix\'s words', async () => {
  const reason = '"Not A Registry!/api:0.1.0" is not an image reference that can be written as it is';
  const fixes = {
    files: [{ path: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27.3\n', changed: true }],
    diff: '--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,3 +1,3 @@\n services:\n   web:\n-    image: nginx:latest\n+    image: nginx:1.27.3',
    applied: [{ rule: 'unpinned-image', file: 'compose.yaml', line: 3, column: 12, message: 'pinned nginx to 1.27.3', commands: [] }],
    skipped: [{ rule: 'build-context', file: 'compose.yaml', line: 5, column: 5, reason }],
  };
  const shown = await page.evaluate((data) => {
    const view = window.views.fixesView({ apply() {}, undo() {}, answer() {} });
    document.getElementById('here').replaceChildren(view.panel);
    const note = () => {
      const p = view.panel.querySelector('#fix-answers-note');
      return { hidden: p.hidden, text: p.textContent };
    };
    view.update({ calls: ['fix'], files: data.files, fixes: data, fixAnswers: {}, undoable: false });
    const unasked = note();
    view.update({ calls: ['fix'], files: data.files, fixes: data, fixAnswers: { registry: 'Not A Registry!' }, undoable: false });
    const refused = note();
    view.update({ calls: ['fix'], files: data.files, fixes: { ...data, skipped: [] }, fixAnswers: { registry: 'ghcr.io/acme' }, undoable: false });
    return { unasked, refused, taken: note(), describedBy: view.panel.querySelector('#fix-registry').getAttribute('aria-describedby') };
  }, fixes);

  assert.deepEqual(shown.unasked, { hidden: true, text: '' }, 'no registry given: the skipped fix is only listed');
  assert.deepEqual(shown.refused, { hidden: false, text: `The registry or tag was not used: ${reason}.` });
  assert.deepEqual(shown.taken, { hidden: true, text: '' });
  assert.equal(shown.describedBy, 'fix-answers-note');
});

test('the handoff reader shows entities and code as the text they stand for, never as markup', async () => {
  const source =
    '# Handoff: a &amp; b\n\n| service | image |\n|---|---|\n| &lt;img src=x onerror="window.owned=3"&gt; | `<b>x</b>` |\n\n' +
    '- **&lt;bold&gt;** and &amp;amp;\n\n```text\n<script>window.owned=4</script>\n```\n';
  const shown = await page.evaluate((text) => {
    const here = document.getElementById('here');
    here.replaceChildren(...[window.views.renderMarkdown(text)].flat());
    return {
      heading: here.querySelector('h3').textContent,
      cell: here.querySelector('td').textContent,
      code: here.querySelector('td code').textContent,
      item: here.querySelector('li').textContent,
      block: here.querySelector('pre').textContent,
      markup: here.querySelectorAll('img, b, script').length,
      owned: window.owned ?? null,
    };
  }, source);

  assert.equal(shown.heading, 'Handoff: a & b');
  assert.equal(shown.cell, '<img src=x onerror="window.owned=3">');
  assert.equal(shown.code, '<b>x</b>', 'code is shown as written');
  assert.equal(shown.item, '<bold> and &amp;', 'an entity is read once');
  assert.equal(shown.block, '<script>window.owned=4</script>');
  assert.equal(shown.markup, 0);
  assert.equal(shown.owned, null);
});
