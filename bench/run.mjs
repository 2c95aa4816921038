// The Node half of `pkg-scripts/bench`: times the built wasm package in Node (package
// start-up, analysis on every corpus file and on generated projects, generation), runs
// dclint 3.1.0 on the same corpus files whole process and in process, reads criterion's
// native results, and prints every table and the targets as Markdown (also written to
// target/bench/report.md).
//
//     node bench/run.mjs [--quick]
//
// --quick runs a few files and small projects once each: a smoke run of the harness, not
// a measurement.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

import { generated, SIZES } from './projects.mjs';

const ROOT = resolve(import.meta.dirname, '..');
process.chdir(ROOT);
const CORPUS = '../shared/corpus/real';
const DCLINT_BIN = 'bench/node_modules/dclint/bin/dclint.cjs';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 5;
const SAMPLE_MS = quick ? 1 : 20;
const SAMPLES = quick ? 3 : 15;

const { analyze, fix, generate } = await import('../pkg/node.js');

// ---------------------------------------------------------------- measuring

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median time of one call of `work`, in ms. The warm-up lasts at least a second
 * and five calls, so that V8 has moved the hot wasm functions to its optimizing tier (the
 * steady state of an editor that analyzes on every change); short calls are run in
 * batches so that each sample lasts about SAMPLE_MS, long ones get fewer samples. */
function time(work) {
  const warmStart = performance.now();
  let calls = 0;
  do {
    work();
    calls += 1;
  } while (calls < (quick ? 1 : 5) || performance.now() - warmStart < (quick ? SAMPLE_MS : 1000));
  const once = (performance.now() - warmStart) / calls;
  const batch = Math.max(1, Math.floor(SAMPLE_MS / once));
  const samples = Math.max(3, Math.min(SAMPLES, Math.floor(10_000 / once)));

  const taken = [];
  for (let s = 0; s < samples; s += 1) {
    const start = performance.now();
    for (let i = 0; i < batch; i += 1) work();
    taken.push((performance.now() - start) / batch);
  }
  return median(taken);
}

/** The median wall time of running a command to its end, in ms. */
function wall(command, args, rounds = ROUNDS) {
  const samples = [];
  for (let r = 0; r < rounds; r += 1) {
    const start = performance.now();
    const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    samples.push(performance.now() - start);
    if (run.error) throw run.error;
    if (run.status !== 0 && !run.stdout) {
      throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
    }
  }
  return median(samples);
}

const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const times = (value) => `${value.toFixed(1)}×`;
const sum = (values) => values.reduce((a, b) => a + b, 0);
const kib = (bytes) => (bytes / 1024).toFixed(1);

const out = [];
const say = (line = '') => out.push(line);
const table = (head, rows) => {
  say(`| ${head.join(' | ')} |`);
  say(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) say(`| ${row.join(' | ')} |`);
  say();
};

// ---------------------------------------------------------------- inputs

let names = readdirSync(CORPUS).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
if (quick) names = names.slice(0, 3);
const corpus = names.map((name) => ({ name, path: join(CORPUS, name), text: readFileSync(join(CORPUS, name), 'utf8') }));
const sizes = quick ? SIZES.slice(0, 2) : SIZES;
const projects = sizes.map((services) => ({ services, text: generated(services) }));

// ---------------------------------------------------------------- the package

const wasm = readFileSync('pkg/compose_architect_bg.wasm');
const wasmGzip = gzipSync(wasm, { level: 9 }).length;
const nodeAlone = wall(process.execPath, ['-e', '0']);
const startup = wall(process.execPath, ['--input-type=module', '-e', "await import('./pkg/node.js')"]);

say('## The package');
say();
table(
  ['what', 'value'],
  [
    ['wasm module, raw', `${kib(wasm.length)} KiB`],
    ['wasm module, gzipped (level 9)', `${kib(wasmGzip)} KiB`],
    ['Node start-up alone (`node -e 0`)', `${ms(nodeAlone)} ms`],
    ['Node start-up and import of the package (compile, instantiate)', `${ms(startup)} ms`],
  ],
);

// ---------------------------------------------------------------- native (criterion)

/** Criterion's median for one benchmark, in ms, found by its parameter (criterion
 * shortens long names in its folder names, so each folder's benchmark.json is read). */
const criterionMedians = new Map();
const folders = (folder) =>
  existsSync(folder) ? readdirSync(folder, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
for (const group of folders('target/criterion')) {
  for (const bench of folders(join('target/criterion', group))) {
    const folder = join('target/criterion', group, bench);
    for (const parameter of folders(folder)) {
      const id = join(folder, parameter, 'new/benchmark.json');
      const estimates = join(folder, parameter, 'new/estimates.json');
      if (!existsSync(id) || !existsSync(estimates)) continue;
      const { value_str: value } = JSON.parse(readFileSync(id, 'utf8'));
      const median = JSON.parse(readFileSync(estimates, 'utf8')).median.point_estimate / 1e6;
      criterionMedians.set(`${group}/${bench}/${value}`, median);
    }
  }
}
function criterion(group, bench, parameter) {
  return criterionMedians.get(`${group}/${bench}/${parameter}`);
}

say('## Native (criterion, `cargo bench --bench load`, medians)');
say();
const native = corpus.map(({ name }) => ({
  name,
  parse: criterion('corpus', 'parse', name),
  load: criterion('corpus', 'load', name),
  analyze: criterion('corpus', 'analyze', name),
}));
const nativeRan = native.every((row) => row.analyze !== undefined);
let nativeRatio;
if (!nativeRan) {
  say('Criterion results are missing (run `cargo bench -p compose-architect --bench load`).');
  say();
} else {
  const ratios = native.map((row) => row.analyze / row.parse);
  nativeRatio = median(ratios);
  table(
    ['corpus, per file', 'parse ms', 'load ms', 'analyze ms', 'analyze ÷ parse'],
    [
      ['median over files', ms(median(native.map((r) => r.parse))), ms(median(native.map((r) => r.load))),
        ms(median(native.map((r) => r.analyze))), times(nativeRatio)],
      ['largest file', ...(() => {
        const i = corpus.reduce((best, c, at) => (c.text.length > corpus[best].text.length ? at : best), 0);
        return [ms(native[i].parse), ms(native[i].load), ms(native[i].analyze), times(ratios[i])];
      })()],
      ['sum over files', ms(sum(native.map((r) => r.parse))), ms(sum(native.map((r) => r.load))),
        ms(sum(native.map((r) => r.analyze))), times(sum(native.map((r) => r.analyze)) / sum(native.map((r) => r.parse)))],
    ],
  );
}
const nativeGenerated = projects.map(({ services }) => ({
  services,
  parse: criterion('generated', 'parse', String(services)),
  load: criterion('generated', 'load', String(services)),
  analyze: criterion('generated', 'analyze', String(services)),
}));
if (nativeGenerated.every((row) => row.analyze !== undefined)) {
  table(
    ['generated project', 'parse ms', 'load ms', 'analyze ms', 'analyze ÷ parse'],
    nativeGenerated.map((r) => [`${r.services} services`, ms(r.parse), ms(r.load), ms(r.analyze), times(r.analyze / r.parse)]),
  );
}

const shapes = ['extends-chain-500', 'dense-depends-on-300', 'generated-20000'];
if (!quick && shapes.every((shape) => criterion('shapes', 'analyze', shape) !== undefined)) {
  table(
    ['shapes that once cost more than their size', 'parse ms', 'analyze ms', 'analyze ÷ parse'],
    shapes.map((shape) => {
      const parse = criterion('shapes', 'parse', shape);
      const analyzed = criterion('shapes', 'analyze', shape);
      return [shape, ms(parse), ms(analyzed), times(analyzed / parse)];
    }),
  );
}
const nativeGeneration = criterion('generate', 'iteration', '1');
if (nativeGeneration !== undefined) {
  say(`Generation (profile: web-app, Go; iteration 1): ${ms(nativeGeneration)} ms.`);
  say();
}

// ---------------------------------------------------------------- the package in Node

say('## The wasm package in Node (in process, medians)');
say();
const inNode = corpus.map(({ name, text }) => ({
  name,
  analyze: time(() => analyze({ files: [{ path: name, text }] })),
}));
const nodeCorpusMedian = median(inNode.map((r) => r.analyze));
table(
  ['corpus, per file', 'analyze ms'],
  [
    ['median over files', ms(nodeCorpusMedian)],
    ['slowest file', ms(Math.max(...inNode.map((r) => r.analyze)))],
    ['sum over files', ms(sum(inNode.map((r) => r.analyze)))],
  ],
);
const nodeGenerated = projects.map(({ services, text }) => ({
  services,
  bytes: text.length,
  analyze: time(() => analyze({ files: [{ path: 'compose.yaml', text }] })),
}));
table(
  ['generated project', 'size', 'analyze ms', 'per service µs'],
  nodeGenerated.map((r) => [`${r.services} services`, `${kib(r.bytes)} KiB`, ms(r.analyze), (r.analyze * 1000 / r.services).toFixed(1)]),
);
if (typeof fix === 'function') {
  const fixCorpus = corpus.map(({ name, text }) => time(() => fix({ files: [{ path: name, text }] })));
  const fixGenerated = projects.map(({ services, text }) => [
    `${services} services`,
    ms(time(() => fix({ files: [{ path: 'compose.yaml', text }] }))),
  ]);
  table(
    ['fixing (every fix, with its diff)', 'ms'],
    [['corpus, median over files', ms(median(fixCorpus))], ['corpus, slowest file', ms(Math.max(...fixCorpus))], ...fixGenerated],
  );
}
const profile = { domain: 'web-app', teamLanguages: ['go'] };
const ladder = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((iteration) => {
  try {
    generate(profile, { iteration });
    return true;
  } catch {
    return false;
  }
});
table(
  ['generation (profile: web-app, Go)', 'ms'],
  ladder.map((iteration) => [`iteration ${iteration}`, ms(time(() => generate(profile, { iteration })))]),
);

// ---------------------------------------------------------------- dclint side by side

say('## Side by side with dclint 3.1.0, on the same corpus files');
say();
const paths = corpus.map((c) => c.path);
const oursPerFile = sum(paths.map((p) => wall(process.execPath, ['bench/analyze-files.mjs', p])));
const theirsPerFile = sum(paths.map((p) => wall(process.execPath, [DCLINT_BIN, p, '-f', 'json'])));
const oursAll = wall(process.execPath, ['bench/analyze-files.mjs', ...paths]);
const theirsAll = wall(process.execPath, [DCLINT_BIN, ...paths, '-f', 'json']);

const require = createRequire(import.meta.url);
const { DCLinter } = require('dclint');
const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
const oursIn = sum(paths.map((p) => time(() => analyze({ files: [{ path: p, text: readFileSync(p, 'utf8') }] }))));
const theirsIn = sum(paths.map((p) => time(() => linter.lintFiles([p], false))));
const wholeRatio = theirsPerFile / oursPerFile;

table(
  [`${paths.length} corpus files`, 'compose-architect ms', 'dclint ms', 'dclint ÷ ours'],
  [
    ['whole process, one per file (sum)', ms(oursPerFile), ms(theirsPerFile), times(wholeRatio)],
    ['whole process, one for all files', ms(oursAll), ms(theirsAll), times(theirsAll / oursAll)],
    ['in process, reading and analyzing each file (sum of medians)', ms(oursIn), ms(theirsIn), times(theirsIn / oursIn)],
  ],
);
say(`One process per file takes ${ms(oursPerFile / paths.length)} ms a file on average for us and ` +
  `${ms(theirsPerFile / paths.length)} ms for dclint; Node's own start-up (\`node -e 0\`) is ${ms(nodeAlone)} ms of each.`);
say();

// ---------------------------------------------------------------- targets

say('## Targets');
say();
const byServices = (rows, n) => rows.find((r) => r.services === n);
const targets = [];
const target = (what, goal, value, met) => targets.push([what, goal, value, met === undefined ? 'not run' : met ? 'met' : 'missed']);
const node1000 = byServices(nodeGenerated, 1_000);
const node5000 = byServices(nodeGenerated, 5_000);
target('analysis of 1,000 services in Node', '< 50 ms', node1000 ? `${ms(node1000.analyze)} ms` : '—', node1000 && node1000.analyze < 50);
target('a typical corpus file in Node (median over files)', '< 2 ms', `${ms(nodeCorpusMedian)} ms`, nodeCorpusMedian < 2);
target('faster than dclint, whole process, one per file', '≥ 10×', times(wholeRatio), wholeRatio >= 10);
target('faster than dclint, whole process, one for all files', '≥ 10×', times(theirsAll / oursAll), theirsAll / oursAll >= 10);
const growth = node1000 && node5000 ? node5000.analyze / node1000.analyze : undefined;
target('5,000 services ÷ 1,000, in Node', '≤ 5.5×', growth ? times(growth) : '—', growth && growth <= 5.5);
const n1000 = byServices(nativeGenerated, 1_000);
const n5000 = byServices(nativeGenerated, 5_000);
const nativeGrowth = n1000?.analyze && n5000?.analyze ? n5000.analyze / n1000.analyze : undefined;
target('5,000 services ÷ 1,000, native', '≤ 5.5×', nativeGrowth ? times(nativeGrowth) : '—', nativeGrowth && nativeGrowth <= 5.5);
target('analysis ÷ parse alone, corpus median, native', '≤ 3×', nativeRatio ? times(nativeRatio) : '—', nativeRatio && nativeRatio <= 3);
const genRatio = n1000?.analyze && n1000?.parse ? n1000.analyze / n1000.parse : undefined;
target('analysis ÷ parse alone, 1,000 services, native', '≤ 3×', genRatio ? times(genRatio) : '—', genRatio && genRatio <= 3);
target('wasm package, gzipped', '≤ 400 KB', `${(wasmGzip / 1000).toFixed(1)} KB (${kib(wasmGzip)} KiB)`, wasmGzip <= 400_000);
table(['target', 'goal', 'this run', ''], targets);

const report = out.join('\n');
mkdirSync('target/bench', { recursive: true });
writeFileSync('target/bench/report.md', report + '\n');
process.stdout.write(report + '\n');
