// The page in a real browser: it opens with the sample analyzed, is served with a
// Content-Security-Policy that allows only its own files, and sends no request to any
// other origin. (tests/page.test.mjs covers the editor and every view.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { launch } from './browser.mjs';
import { serve } from '../pkg-scripts/server.mjs';
import { ROOT } from './helpers.mjs';

let server;
let origin;
let browser;
// a second local server standing in for "another origin": it must never be reached
let other;
let otherHits = 0;
let otherOrigin;

before(async () => {
  server = await serve(join(ROOT, 'dist'), 0);
  origin = `http://127.0.0.1:${server.address().port}`;
  other = createServer((request, response) => {
    otherHits += 1;
    response.end('reached');
  });
  await new Promise((done) => other.listen(0, '127.0.0.1', done));
  otherOrigin = `http://localhost:${other.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  other?.close();
});

/**
 * Opens the page and records every request it makes. Requests for anything but the page
 * and (so the policy alone is tested) the local stand-in for another origin are aborted.
 */
async function openPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.origin === origin || url.origin === otherOrigin || url.protocol === 'data:';
    return local ? route.continue() : route.abort();
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const response = await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]');
  return { context, page, requests, errors, response };
}

async function findings(page) {
  return page.$$eval('#findings li.finding[data-rule]', (items) =>
    items.map((li) => ({
      rule: li.dataset.rule,
      line: Number(li.dataset.line),
      column: Number(li.dataset.column),
      text: li.textContent,
    })),
  );
}

test('the page opens with the sample analyzed', async () => {
  const { context, page, errors } = await openPage();

  const found = await findings(page);
  const rules = new Set(found.map((f) => f.rule));
  for (const rule of ['build-context', 'hardcoded-secret', 'missing-healthcheck', 'unpinned-image']) {
    assert.ok(rules.has(rule), `the sample shows ${rule}: ${JSON.stringify(found)}`);
  }
  const build = found.find((f) => f.rule === 'build-context');
  assert.equal(build.line, 11);
  assert.doesNotMatch(await page.textContent('#findings'), /shop-password/);
  assert.match(await page.textContent('#summary'), /block onboarding/);
  assert.match(await page.textContent('#inventory'), /postgres/);
  const checklist = await page.$$eval('#checklist li.check', (items) =>
    items.map((li) => [li.dataset.id, li.dataset.status]),
  );
  assert.equal(checklist.length, 16, JSON.stringify(checklist));
  assert.deepEqual(
    checklist.find(([id]) => id === 'image-references'),
    ['image-references', 'fail'],
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test("the policy allows only the page's own files, and no request leaves for another origin", async () => {
  const { context, page, requests, response } = await openPage();

  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /connect-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(meta, /default-src 'none'/);

  // the page itself tries to reach another origin: the policy stops it in the browser
  const attempts = await page.evaluate(async (target) => {
    const results = [];
    try {
      await fetch(`${target}/fetch`);
      results.push('fetch went through');
    } catch {
      results.push('fetch blocked');
    }
    const image = new Image();
    const loaded = new Promise((done) => {
      image.onload = () => done('image loaded');
      image.onerror = () => done('image blocked');
    });
    image.src = `${target}/image.png`;
    results.push(await loaded);
    return results;
  }, otherOrigin);
  assert.deepEqual(attempts, ['fetch blocked', 'image blocked']);
  assert.equal(otherHits, 0, 'the other origin saw no request');

  // every request the session made was for the page's own files
  assert.ok(requests.length >= 5, `the page loaded its files: ${requests}`);
  const own = (url) => new URL(url).origin === origin || url.startsWith('data:');
  const foreign = requests.filter((url) => !own(url) && !url.startsWith(otherOrigin));
  assert.deepEqual(foreign, []);
  await context.close();
});
