// Completes pkg/ as the npm package `compose-architect`: package.json with the crate's
// version and conditional exports (Node gets an entry that needs no init call), the
// Node entry itself, a README and the license.
import { readFileSync, writeFileSync, copyFileSync } from 'node:fs';

const cargo = readFileSync('crate/Cargo.toml', 'utf8');
const workspace = readFileSync('Cargo.toml', 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(workspace)[1];
const description = /^description\s*=\s*"([^"]+)"/m.exec(cargo)[1];

const manifest = {
  name: 'compose-architect',
  version,
  description,
  license: 'MIT',
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
      types: './compose_architect.d.ts',
      default: './compose_architect.js',
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
    'README.md',
    'LICENSE',
  ],
  sideEffects: ['./node.js'],
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

// Node's declarations: the same API without init(), whose types (RequestInfo,
// BufferSource, WebAssembly) exist only where the DOM library is loaded.
const declarations = readFileSync('pkg/compose_architect.d.ts', 'utf8');
const initAt = declarations.indexOf('export type InitInput');
if (initAt < 0) throw new Error('package: the glue declarations changed: no InitInput');
writeFileSync('pkg/node.d.ts', declarations.slice(0, initAt).trimEnd() + '\n');

copyFileSync('pkg-scripts/npm-readme.md', 'pkg/README.md');
copyFileSync('LICENSE', 'pkg/LICENSE');
