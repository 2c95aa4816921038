// Writes the fuzz targets' seed inputs into a folder, one subfolder per target, from the
// shared corpus beside the checkout (nothing of the corpus is kept in the repository).
//
//     node pkg-scripts/fuzz-seeds.mjs OUT_DIR
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const out = process.argv[2];
if (!out) {
  console.error('usage: node pkg-scripts/fuzz-seeds.mjs OUT_DIR');
  process.exit(2);
}

const seeds = { load_analyze: [], interpolate: [], dotenv: [], fix_roundtrip: [], generate_analyze: [] };

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const envLines = (env) =>
  Object.entries(env ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');

// compose files: the real corpus, the peer fixtures, the loader snippets, the ok/ corpus
for (const path of walk(join(CORPUS, 'real'))) {
  if (/\.ya?ml$/.test(path)) seeds.load_analyze.push(readFileSync(path, 'utf8'));
}
for (const path of walk(join(CORPUS, 'peer/compose-go-testdata'))) {
  if (/\.ya?ml$/.test(path)) seeds.load_analyze.push(readFileSync(path, 'utf8'));
}
for (const path of walk(join(ROOT, 'crate/tests/ok'))) {
  seeds.load_analyze.push(readFileSync(path, 'utf8'));
}
for (const line of readFileSync(join(CORPUS, 'peer/compose-go-loader-snippets.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const snippet = JSON.parse(line);
  // an override test's files, base first, joined as the target splits them
  if (snippet.yaml_inputs?.length) seeds.load_analyze.push(snippet.yaml_inputs.join('\0'));
}

// the fixer starts from the same files as the loader
seeds.fix_roundtrip = [...seeds.load_analyze];

// templates with their environment after a NUL
const interpolation = JSON.parse(readFileSync(join(CORPUS, 'peer/compose-go-interpolation-cases.json'), 'utf8'));
for (const c of interpolation.cases) {
  seeds.interpolate.push(`${c.input}\0${envLines(c.env)}`);
}

// .env files: the peer fixtures and cases
for (const path of walk(join(CORPUS, 'peer/dotenv-fixtures'))) {
  seeds.dotenv.push(readFileSync(path, 'utf8'));
}
const dotenv = JSON.parse(readFileSync(join(CORPUS, 'peer/compose-go-dotenv-cases.json'), 'utf8'));
for (const c of dotenv.cases) {
  const text = c.input ?? c.input_line;
  if (typeof text === 'string') seeds.dotenv.push(`${text}\0${envLines(c.env)}`);
}

// requirements profiles, from empty to every field set
seeds.generate_analyze.push(
  '',
  'domain: ai-ml\nteamLanguages: [python]\n',
  'name: Clinic Cloud\ndomain: healthcare\ncustomers: [mid-market, enterprise]\npricing: tiered\n' +
    'teamLanguages: [typescript]\ndataModel: relational\nrequestsPerSecond: 800\nlatencyMs: 200\n' +
    'compliance: [hipaa, soc2]\nuptime: 99.95\n',
  '{"name":"Ledger \\"Pro\\": #1","dataModel":"document","writeHeavy":true,"users":100000,' +
    '"dataVolumeGb":500,"consistency":"strong","drRegions":2,"rtoMinutes":15,"rpoMinutes":5}',
);

for (const [target, inputs] of Object.entries(seeds)) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  inputs.forEach((input, i) => writeFileSync(join(dir, `seed-${String(i).padStart(4, '0')}`), input));
  console.log(`fuzz seeds: ${target}: ${inputs.length}`);
}
