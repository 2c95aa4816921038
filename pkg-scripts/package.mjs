// Completes pkg/ as the npm package `compose-architect`: package.json with the crate's
// version and conditional exports (Node gets an entry that needs no init call), the
// Node entry itself, the command line, a README and the license.
import { readFileSync, writeFileSync, copyFileSync, cpSync, chmodSync } from 'node:fs';

const cargo = readFileSync('crate/Cargo.toml', 'utf8');
const workspace = readFileSync('Cargo.toml', 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(workspace)[1];
const description = /^description\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const license = /^license\s*=\s*"([^"]+)"/m.exec(workspace)[1];

// Browsers, bundlers and Web Workers get the glue with init(); Node gets node.js.
const web = { types: './compose_architect.d.ts', default: './compose_architect.js' };

const manifest = {
  name: 'compose-architect',
  version,
  description,
  license,
  type: 'module',
  main: './node.js',
  module: './compose_architect.js',
  types: './compose_architect.d.ts',
  exports: {
    '.': {
      node: {
        types: './node.d.ts',
        default: './node.js',
      },
      browser: web,
      import: web,
      default: web,
    },
    './compose_architect_bg.wasm': './compose_architect_bg.wasm',
    './package.json': './package.json',
  },
  files: [
    'compose_architect.js',
    'compose_architect.d.ts',
    'compose_architect_bg.wasm',
    'compose_architect_bg.wasm.d.ts',
    'node.js',
    'node.d.ts',
    'cli/',
    'README.md',
    'LICENSE',
  ],
  bin: { 'compose-architect': './cli/main.js' },
  sideEffects: ['./node.js', './cli/main.js'],
  engines: { node: '>=20' },
  keywords: ['docker-compose', 'compose', 'linter', 'saas', 'wasm'],
};
writeFileSync('pkg/package.json', JSON.stringify(manifest, null, 2) + '\n');

// Node: compile the module from the file next to this one, synchronously, at import.
writeFileSync(
  'pkg/node.js',
  `import { readFileSync } from 'node:fs';
import { initSync } from './compose_architect.js';

initSync({ module: readFileSync(new URL('./compose_architect_bg.wasm', import.meta.url)) });

export * from './compose_architect.js';
export { default } from './compose_architect.js';
`,
);

// The glue's InitOutput describes the raw exports with `any`; they are opaque handles.
for (const file of ['pkg/compose_architect.d.ts', 'pkg/compose_architect_bg.wasm.d.ts']) {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/: any\b/g, ': unknown'));
}

// The glue's own types come without doc comments: say what each is for.
const glueDocs = {
  'export type InitInput': 'Where `init()` finds the module: a URL or request to fetch, a response, its bytes, or a compiled module.',
  'export interface InitOutput': "The module's raw exports once instantiated; use the functions of this package instead.",
  'export type SyncInitInput': "The module's bytes or a compiled module, for `initSync()`.",
};
let glue = readFileSync('pkg/compose_architect.d.ts', 'utf8');
for (const [declaration, doc] of Object.entries(glueDocs)) {
  if (!glue.includes(`\n${declaration}`)) throw new Error(`package: the glue declarations changed: no ${declaration}`);
  glue = glue.replace(`\n${declaration}`, `\n/**\n * ${doc}\n */\n${declaration}`);
}
writeFileSync('pkg/compose_architect.d.ts', glue);

// Node's declarations: the same API without init(), whose types (RequestInfo,
// BufferSource, WebAssembly) exist only where the DOM library is loaded.
const declarations = readFileSync('pkg/compose_architect.d.ts', 'utf8');
const initAt = declarations.indexOf('export type InitInput');
if (initAt < 0) throw new Error('package: the glue declarations changed: no InitInput');
writeFileSync('pkg/node.d.ts', declarations.slice(0, initAt).trimEnd() + '\n');

// The command line: plain ES modules on top of the Node entry.
cpSync('crate/js/cli', 'pkg/cli', { recursive: true });
chmodSync('pkg/cli/main.js', 0o755);

copyFileSync('pkg-scripts/npm-readme.md', 'pkg/README.md');
copyFileSync('LICENSE', 'pkg/LICENSE');
