// Builds the page from www/ into dist/: the app and its worker bundled by esbuild (the
// editor and the package's glue included), the styles, and dist/standalone.html, one
// self-contained file with the wasm inlined that works opened from disk.
//
//   node pkg-scripts/page.mjs        (after pkg/ is built)
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const WWW = join(ROOT, 'www');
const DIST = join(ROOT, 'dist');

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

await rm(DIST, { recursive: true, force: true });
await mkdir(join(DIST, 'pkg'), { recursive: true });

// the served page: the app, the worker that runs the analyzer, the wasm beside them
await build({
  ...common,
  entryPoints: { app: join(WWW, 'src/entry.js'), worker: join(WWW, 'src/worker.js') },
  outdir: DIST,
});
await copyFile(join(ROOT, 'pkg/compose_architect_bg.wasm'), join(DIST, 'pkg/compose_architect_bg.wasm'));
await copyFile(join(WWW, 'style.css'), join(DIST, 'style.css'));
const template = await readFile(join(WWW, 'index.html'), 'utf8');
await writeFile(join(DIST, 'index.html'), template);

// the offline worker, told which files to keep and which build they are from
const kept = ['./', 'index.html', 'app.js', 'worker.js', 'style.css', 'pkg/compose_architect_bg.wasm'];
const version = createHash('sha256');
for (const file of kept.slice(1)) version.update(await readFile(join(DIST, file)));
const offline = (await readFile(join(WWW, 'sw.js'), 'utf8'))
  .replace("'__VERSION__'", () => JSON.stringify(version.digest('hex').slice(0, 16)))
  .replace("['__FILES__']", () => JSON.stringify(kept));
await writeFile(join(DIST, 'sw.js'), offline);

// the self-contained file: one module script and one style element, each allowed by
// its hash, the wasm bytes inside the script
const standalone = await build({
  ...common,
  entryPoints: [join(WWW, 'src/standalone.js')],
  loader: { '.wasm': 'binary' },
  write: false,
});
const script = standalone.outputFiles[0].text.replaceAll('</script', '<\\/script');
const style = await readFile(join(WWW, 'style.css'), 'utf8');
const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const policy = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  "connect-src 'none'",
  "img-src data:",
  `style-src ${hash(style)}`,
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const replaceOnce = (text, pattern, replacement) => {
  if (!pattern.test(text)) throw new Error(`page: index.html has no ${pattern}`);
  return text.replace(pattern, () => replacement);
};
let html = template;
html = replaceOnce(html, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
html = replaceOnce(html, /<link rel="stylesheet" href="style.css">/, `<style>${style}</style>`);
html = replaceOnce(html, /<script type="module" src="app.js"><\/script>/, `<script type="module">${script}</script>`);
await writeFile(join(DIST, 'standalone.html'), html);
