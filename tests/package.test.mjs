// The npm package as another tool uses it: packed, installed into a fresh project, and
// imported from Node with no init call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CORPUS, ROOT, installPackage } from './helpers.mjs';

const consumer = installPackage();

function runInConsumer(source) {
  const script = join(consumer, `script-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, source);
  return JSON.parse(execFileSync('node', [script], { cwd: consumer, encoding: 'utf8' }));
}

test('analyze works in Node after npm install, with no init call', () => {
  const file = join(CORPUS, 'awesome-compose__react-express-mongodb_compose.yaml');
  const report = runInConsumer(`
    import { analyze, version } from 'compose-architect';
    import { readFileSync } from 'node:fs';
    const text = readFileSync(${JSON.stringify(file)}, 'utf8');
    const report = analyze({ files: [{ path: 'compose.yaml', text }] });
    console.log(JSON.stringify({ version: version(), report }));
  `);

  const builds = report.report.findings.filter((f) => f.rule === 'build-context');
  assert.deepEqual(
    builds.map((f) => [f.file, f.start.line, f.start.column]),
    [
      ['compose.yaml', 3, 5],
      ['compose.yaml', 20, 5],
    ],
  );
  assert.match(builds[0].message, /frontend/);
  assert.match(builds[1].message, /backend/);
  assert.equal(report.report.version, 1);
  const cargo = readFileSync(join(ROOT, 'Cargo.toml'), 'utf8');
  assert.equal(report.version, /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1]);
});

test('bad input throws an Error with a message', () => {
  const result = runInConsumer(`
    import { analyze } from 'compose-architect';
    const out = [];
    for (const input of [undefined, {}, { files: 'x' }, { files: [{ path: 'a' }] }]) {
      try { analyze(input); out.push('no error'); }
      catch (e) { out.push(e instanceof Error ? e.message : 'not an Error'); }
    }
    console.log(JSON.stringify(out));
  `);
  assert.equal(result.length, 4);
  for (const message of result) assert.match(message, /^analyze: invalid input/);
  assert.match(result[0], /expected an object, got undefined/);
  assert.match(result[1], /missing field `files`/);
  assert.match(result[2], /at files: invalid type: string "x", expected a sequence/);
  assert.match(result[3], /at files\[0\]: missing field `text`/);
});

test('recommend and generate return plain objects', () => {
  const result = runInConsumer(`
    import { recommend, generate, analyze } from 'compose-architect';
    const profile = { domain: 'web-app', teamLanguages: ['go'] };
    const recommendation = recommend(profile);
    const generated = generate(profile, { iteration: 1 });
    const compose = generated.files.find((f) => f.path === 'compose.yaml').text;
    const report = analyze({ files: [{ path: 'compose.yaml', text: compose }] });
    console.log(JSON.stringify({ recommendation, paths: generated.files.map((f) => f.path), report,
      handoff: generated.files.find((f) => f.path === 'handoff.md').text }));
  `);
  assert.equal(result.recommendation.framework.choice, 'go');
  assert.equal(result.recommendation.pattern.choice, 'three-tier');
  assert.ok(result.recommendation.framework.reasons.length > 0);
  assert.deepEqual(result.paths, ['compose.yaml', '.env.example', 'handoff.md', 'handoff.json', 'architecture.svg']);
  const bad = result.report.findings.filter((f) => ['syntax', 'schema', 'reference'].includes(f.category));
  assert.deepEqual(bad, [], 'the generated compose file loads cleanly');
  assert.match(result.handoff, /## Container images/);
  assert.match(result.handoff, /Three-tier web application/);
});

test('diagram draws a corpus file in Node after npm install', () => {
  const file = join(CORPUS, 'awesome-compose__react-express-mongodb_compose.yaml');
  const drawing = runInConsumer(`
    import { diagram } from 'compose-architect';
    import { readFileSync } from 'node:fs';
    const text = readFileSync(${JSON.stringify(file)}, 'utf8');
    console.log(JSON.stringify(diagram({ files: [{ path: 'compose.yaml', text }] })));
  `);

  assert.deepEqual(Object.keys(drawing).sort(), ['mermaid', 'svg', 'text']);
  assert.match(drawing.svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="/);
  for (const service of ['frontend', 'backend', 'mongo']) {
    assert.match(drawing.svg, new RegExp(`>${service}</text>`));
    assert.match(drawing.mermaid, new RegExp(`"<b>${service}</b>`));
    assert.match(drawing.text, new RegExp(`\n${service} \\[`));
  }
  assert.match(drawing.mermaid, /^flowchart TB\n/);
});

test('the type declarations name every export and use no any', () => {
  const dts = readFileSync(join(consumer, 'node_modules/compose-architect/compose_architect.d.ts'), 'utf8');
  assert.doesNotMatch(dts, /:\s*any\b|<any>|\bany\[\]|\| any\b/);
  for (const name of ['analyze', 'recommend', 'generate', 'diagram', 'version', 'fix']) {
    assert.match(dts, new RegExp(`export function ${name}\\(`));
  }
  for (const type of ['Report', 'Finding', 'ImageRef', 'Summary', 'AnalyzeInput', 'Profile', 'Recommendation', 'ProjectInput', 'Handoff', 'Generated', 'Diagram', 'Fixed', 'Answers']) {
    assert.match(dts, new RegExp(`export (interface|type) ${type}\\b`));
  }
  const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules/compose-architect/package.json'), 'utf8'));
  assert.equal(manifest.name, 'compose-architect');
  assert.deepEqual(manifest.exports['.'].node, { types: './node.d.ts', default: './node.js' });
});

test('fix works in Node on a real file: build contexts become images with their commands', () => {
  const file = join(CORPUS, 'awesome-compose__react-express-mongodb_compose.yaml');
  const out = runInConsumer(`
    import { fix } from 'compose-architect';
    import { readFileSync } from 'node:fs';
    const text = readFileSync(${JSON.stringify(file)}, 'utf8');
    const fixed = fix({ files: [{ path: 'compose.yaml', text }] }, { rules: ['build-context'], answers: { registry: 'ghcr.io/acme', tag: '1.0.0' } });
    console.log(JSON.stringify({ text, fixed }));
  `);

  const [file0] = out.fixed.files;
  assert.equal(file0.changed, true);
  assert.match(file0.text, /^ {4}image: ghcr\.io\/acme\/frontend:1\.0\.0$/m);
  assert.match(file0.text, /^ {4}image: ghcr\.io\/acme\/backend:1\.0\.0$/m);
  assert.doesNotMatch(file0.text, /^\s*build:/m);
  assert.deepEqual(
    out.fixed.applied.map((a) => [a.rule, a.line, a.commands[1]]),
    [
      ['build-context', 3, 'docker push ghcr.io/acme/frontend:1.0.0'],
      ['build-context', 20, 'docker push ghcr.io/acme/backend:1.0.0'],
    ],
  );
  assert.match(out.fixed.diff, /^--- a\/compose\.yaml\n\+\+\+ b\/compose\.yaml\n@@ /);
});

test('the declarations compile in a Node-only TypeScript project, with no DOM library', () => {
  const usage = `import { analyze, recommend, generate, config, interpolate, parseEnvFile, diagram, version, fix } from 'compose-architect';
import type { Report, Finding, ImageRef, Recommendation, Profile, Diagram, Handoff, ProjectInput, Fixed, Answers } from 'compose-architect';

const report: Report = analyze({ files: [{ path: 'compose.yaml', text: 'services: {}' }], env: { A: '1' }, profiles: ['x'] });
const first: Finding | undefined = report.findings[0];
const line: number | undefined = first?.start.line;
const images: ImageRef[] = report.inventory;
const profile: Profile = { domain: 'api', teamLanguages: ['go'], uptime: 99.95 };
const recommendation: Recommendation = recommend(profile);
const files: { path: string; text: string }[] = generate(profile, { iteration: 1 }).files;
const edited: Handoff = generate({ ...recommendation, cache: { ...recommendation.cache, choice: 'none' } }, { iteration: 7, name: 'shop' }).handoff;
const fromProject: string = generate({ files: [{ path: 'compose.yaml', text: 'services: {}' }], profile }).files[0].text;
// @ts-expect-error: generate reads a profile, a recommendation or a project, nothing else
generate('web-app');
const yaml: string = config({ files: [] }, { format: 'yaml' });
const value: string = interpolate('\${A}', { A: '1' });
const env: Record<string, string> = parseEnvFile('A=1', undefined);
const drawing: Diagram = diagram({ files: [{ path: 'compose.yaml', text: 'services: {}' }] });
const svg: string = drawing.svg;
const v: string = version();
const answers: Answers = { registry: 'ghcr.io/acme', images: { api: 'ghcr.io/acme/api:1.0.0' } };
const fixed: Fixed = fix({ files: [{ path: 'compose.yaml', text: 'services: {}' }] }, { rules: ['build-context'], answers });
const commands: string[] | undefined = fixed.applied[0]?.commands;
const reason: string | undefined = fixed.skipped[0]?.reason;
// @ts-expect-error: a severity is one of three words
const wrong: Finding['severity'] = 'fatal';
const project: ProjectInput = { files: [], env: { A: '1' }, profiles: [] };
export { line, images, recommendation, files, edited, fromProject, project, yaml, value, env, svg, v, wrong, commands, reason };
`;
  writeFileSync(join(consumer, 'usage.ts'), usage);
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        lib: ['es2022'],
        types: [],
        module: 'node16',
        moduleResolution: 'node16',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files: ['usage.ts'],
    }),
  );
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync('node', [tsc, '-p', consumer], { cwd: consumer, encoding: 'utf8' });
});
