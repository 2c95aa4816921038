// How the page keeps up with typing on a 5,000-line file: the analysis time the page
// reports, and the longest task on the page's main thread while 40 characters are typed
// (the worker keeps the analysis off it). A benchmark: it prints numbers, it judges none.
//
//   node pkg-scripts/bench-page.mjs      (after pkg-scripts/build)
import { launch, servePage } from '../tests/browser.mjs';

const LINES = 5000;
let text = 'services:\n';
for (let i = 0; text.split('\n').length < LINES; i += 1) {
  text += `  svc${i}:\n    image: nginx:1.${i}\n    environment:\n      A: b\n    ports:\n      - "${8000 + i}:80"\n`;
}

const { server, origin } = await servePage();
const browser = await launch();
try {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

  const before = Number(await page.getAttribute('body', 'data-analyzed'));
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.click('#editor .cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => Number(document.body.dataset.analyzed) > n, before);
  const first = await page.textContent('#status');

  await page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.keyboard.press('Control+End');
  const typed = Number(await page.getAttribute('body', 'data-analyzed'));
  const started = Date.now();
  await page.keyboard.type('  # a comment typed at the end of it all\n', { delay: 30 });
  const typing = Date.now() - started;
  await page.waitForFunction((n) => Number(document.body.dataset.analyzed) > n, typed);
  const longest = await page.evaluate(() => window.longest);
  const last = await page.textContent('#status');

  console.log(`lines: ${LINES}`);
  console.log(`first analysis: ${first}`);
  console.log(`analysis after typing: ${last}`);
  console.log(`typing 40 characters at 30 ms each took ${typing} ms`);
  console.log(`longest main-thread task while typing: ${longest.toFixed(0)} ms (0 means none over 50 ms)`);
} finally {
  await browser.close();
  server.close();
}
