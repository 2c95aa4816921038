// Shared pieces of the browser tests: Chromium launched so that nothing leaves the
// machine, the built page served on loopback, and reading the editor from outside.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { serve } from '../pkg-scripts/server.mjs';
import { ROOT } from './helpers.mjs';

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
  // anything that escapes the checks in the tests goes to a dead local port
  '--proxy-server=http://127.0.0.1:9',
];

/** Where the tests write screenshots (gitignored). */
export const OUTPUT = join(ROOT, 'tests/output');

export function launch() {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Serves dist/ on 127.0.0.1; resolves to { server, origin }. */
export async function servePage() {
  const server = await serve(join(ROOT, 'dist'), 0);
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** The lines the editor shows (the whole file, for files that fit its viewport). */
export function editorText(page) {
  return page.evaluate(() =>
    [...document.getElementById('editor').shadowRoot.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'),
  );
}

/** The text selected in the editor. */
export function editorSelection(page) {
  return page.evaluate(() => document.getElementById('editor').shadowRoot.getSelection().toString());
}

/** The report's number of the last analysis, to wait for the next one. */
export async function analyzed(page) {
  return Number(await page.getAttribute('body', 'data-analyzed'));
}

/** Waits until an analysis after number `after` has finished. */
export function nextAnalysis(page, after) {
  return page.waitForFunction((n) => Number(document.body.dataset.analyzed) > n, after);
}
