// The npm package as another tool uses it: packed, installed into a fresh project, and
// imported from Node with no init call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

test('CommonJS code loads the package with a dynamic import, as the README says', () => {
  const script = join(consumer, 'load.cjs');
  writeFileSync(
    script,
    `import('compose-architect').then(({ analyze }) => {
  const report = analyze({ files: [{ path: 'compose.yaml', text: 'services:\\n  api:\\n    build: .\\n' }] });
  console.log(JSON.stringify(report.findings.filter((f) => f.rule === 'build-context').map((f) => f.start)));
});
`,
  );
  const out = JSON.parse(execFileSync('node', [script], { cwd: consumer, encoding: 'utf8' }));
  assert.deepEqual(out, [{ line: 3, column: 5 }]);
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

/** The functions the package's declarations export, read from the file. */
function exportedFunctions(file) {
  const dts = readFileSync(join(consumer, 'node_modules/compose-architect', file), 'utf8');
  const names = [...dts.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  if (/^export default function/m.test(dts)) names.push('default');
  return names.sort();
}

/** Type-checks `usage` in the consumer project, strict and with skipLibCheck off. */
function typecheck(name, usage, compilerOptions) {
  const folder = join(consumer, `types-${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `types-${name}`, private: true, type: 'module' }));
  writeFileSync(join(folder, 'usage.ts'), usage);
  writeFileSync(
    join(folder, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', types: [], strict: true, skipLibCheck: false, noEmit: true, ...compilerOptions },
      files: ['usage.ts'],
    }),
  );
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync('node', [tsc, '-p', folder], { cwd: folder, encoding: 'utf8' });
  assert.equal(result.status, 0, `tsc over ${name}:\n${result.stdout}${result.stderr}`);
}

/** Every function and type a consumer can reach, used with its declared types. */
const EVERY_EXPORT = `
import type {
  AnalyzeInput, Report, Finding, Position, ImageRef, RegistryKind, Summary, ChecklistItem, ChecklistStatus,
  FileInput, RuleInfo, RuleSetting, Severity, Category, ConfigOptions, ConfigFormatName, GenerateOptions,
  Generated, GeneratedFile, Profile, Domain, Language, DataModel, Compliance, CustomerSegment, Pricing,
  SegmentDeployment, DeploymentModel, QueryPattern, Consistency, Isolation, Question, QuestionGroup,
  Recommendation, Decision, Alternative, DomainGuidance, Tenancy, SegmentPlan, ModelPlan, Control, SlaDesign,
  Plan, PlanLimits, Conflict, Diagram, Handoff, ProjectInput, Fixed, FixedFile, Answers, AppliedFix, SkippedFix,
  FixInput, FixOptions, ResourceAnswer,
} from 'compose-architect';

const files: FileInput[] = [{ path: 'compose.yaml', text: 'services: {}' }];
const settings: Record<string, RuleSetting> = { 'missing-healthcheck': 'off' };
const input: AnalyzeInput = { files, env: { A: '1' }, profiles: ['x'], rules: settings };
const report: Report = analyze(input);
const first: Finding | undefined = report.findings[0];
const start: Position | undefined = first?.start;
const severity: Severity | undefined = first?.severity;
const category: Category | undefined = first?.category;
const images: ImageRef[] = report.inventory;
const registry: RegistryKind | undefined = images[0]?.registryKind;
const summary: Summary = report.summary;
const checklist: ChecklistItem[] = report.checklist;
const status: ChecklistStatus | undefined = checklist[0]?.status;
const sarif: string = render(report, 'sarif', files);
const list: RuleInfo[] = rules();
const configOptions: ConfigOptions = { format: 'yaml' };
const format: ConfigFormatName = configOptions.format;
const yaml: string = config({ files }, configOptions);
const value: string = interpolate('\${A}', { A: '1' });
const env: Record<string, string> = parseEnvFile('A=1');
const domain: Domain = 'api';
const languages: Language[] = ['go'];
const dataModel: DataModel = 'relational';
const regimes: Compliance[] = ['soc2'];
const segment: CustomerSegment = 'enterprise';
const pricing: Pricing = 'tiered';
const model: DeploymentModel = 'byoc';
const deployment: SegmentDeployment = { segment, models: [model] };
const patterns: QueryPattern[] = ['key-value'];
const consistency: Consistency = 'strong';
const isolation: Isolation = 'logical';
const profile: Profile = {
  domain, teamLanguages: languages, dataModel, compliance: regimes, customers: [segment], pricing,
  deployments: [deployment], queryPatterns: patterns, consistency, isolation, uptime: 99.95,
};
const read: Profile = parseProfile('domain: api', 'yaml');
const asked: Question[] = questions();
const group: QuestionGroup | undefined = asked[0]?.group;
const recommendation: Recommendation = recommend({ ...read, ...profile, profile: undefined } as Profile);
const decision: Decision = recommendation.framework;
const alternative: Alternative | undefined = decision.alternatives[0];
const guidance: DomainGuidance | undefined = recommendation.domainGuidance;
const tenancy: Tenancy = recommendation.tenancy;
const segments: SegmentPlan[] = recommendation.deployments;
const modelPlan: ModelPlan | undefined = segments[0]?.models[0];
const controls: Control[] = recommendation.compliance;
const sla: SlaDesign = recommendation.sla;
const plan: Plan | undefined = recommendation.plans[0];
const limits: PlanLimits | undefined = plan?.limits;
const conflicts: Conflict[] = recommendation.conflicts;
const options: GenerateOptions = { iteration: 1 };
const generated: Generated = generate(profile, options);
const generatedFiles: GeneratedFile[] = generated.files;
const handoff: Handoff = generate({ ...recommendation, cache: { ...recommendation.cache, choice: 'none' } }, { iteration: 7, name: 'shop' }).handoff;
const ownProject: ProjectInput = { files, env: { A: '1' }, profiles: [], profile };
const fromProject: GeneratedFile[] = generate(ownProject).files;
// @ts-expect-error: generate reads a profile, a recommendation or a project, nothing else
generate('web-app');
const limits1: ResourceAnswer = { cpus: '1.0', memory: '1G' };
const answers: Answers = { registry: 'ghcr.io/acme', images: { api: 'ghcr.io/acme/api:1.0.0' }, resources: { api: limits1 } };
const fixInput: FixInput = { files, env: { A: '1' }, profiles: [] };
const fixOptions: FixOptions = { rules: ['build-context'], answers };
const fixed: Fixed = fix(fixInput, fixOptions);
const fixedFiles: FixedFile[] = fixed.files;
const applied: AppliedFix | undefined = fixed.applied[0];
const commands: string[] | undefined = applied?.commands;
const skipped: SkippedFix | undefined = fixed.skipped[0];
// @ts-expect-error: a fix is chosen by rule ids, not by one string
fix({ files }, { rules: 'build-context' });
const drawing: Diagram = diagram(input);
const svg: string = drawing.svg;
const mermaid: string = drawing.mermaid;
const v: string = version();
// @ts-expect-error: a severity is one of three words
const wrong: Finding['severity'] = 'fatal';
// @ts-expect-error: render takes one of five formats
render(report, 'xml');

export {
  start, severity, category, registry, summary, status, sarif, list, format, yaml, value, env, group,
  alternative, guidance, tenancy, modelPlan, controls, sla, limits, conflicts, generatedFiles, handoff, fromProject, svg,
  mermaid, v, wrong, fixedFiles, commands, skipped,
};
`;

const WEB_INIT = `
const output: InitOutput = await init();
const memory: WebAssembly.Memory = output.memory;
const again: InitOutput = initSync({ module: new Uint8Array(0) });
export { memory, again };
`;

test('the declarations compile in a Node-only TypeScript project, with no DOM library', () => {
  const usage = `import { analyze, config, diagram, fix, generate, interpolate, parseEnvFile, parseProfile, questions, recommend, render, rules, version } from 'compose-architect';
${EVERY_EXPORT}`;

  typecheck('node', usage, { lib: ['es2022'], module: 'node16', moduleResolution: 'node16' });

  const used = [...usage.matchAll(/\b(\w+)\(/g)].map((m) => m[1]);
  for (const name of exportedFunctions('node.d.ts')) assert.ok(used.includes(name), `the Node usage calls ${name}`);
});

test('the declarations compile for a bundler in the browser and for a Web Worker, init included', () => {
  const usage = `import init, { initSync, analyze, config, diagram, fix, generate, interpolate, parseEnvFile, parseProfile, questions, recommend, render, rules, version } from 'compose-architect';
import type { InitInput, InitOutput, SyncInitInput } from 'compose-architect';
const from: InitInput = new URL('compose_architect_bg.wasm', import.meta.url);
const bytes: SyncInitInput = new Uint8Array(0);
export { from, bytes };
${WEB_INIT}
${EVERY_EXPORT}`;

  typecheck('browser', usage, { lib: ['es2022', 'dom'], module: 'es2022', moduleResolution: 'bundler' });
  typecheck('worker', usage, { lib: ['es2022', 'webworker'], module: 'es2022', moduleResolution: 'bundler' });

  const used = [...usage.matchAll(/\b(\w+)\(/g)].map((m) => m[1]);
  for (const name of exportedFunctions('compose_architect.d.ts')) {
    assert.ok(name === 'default' ? used.includes('init') : used.includes(name), `the browser usage calls ${name}`);
  }
});

test('every exported declaration has a doc comment, and none uses any', () => {
  for (const file of ['compose_architect.d.ts', 'node.d.ts']) {
    const dts = readFileSync(join(consumer, 'node_modules/compose-architect', file), 'utf8');
    assert.doesNotMatch(dts, /:\s*any\b|<any>|\bany\[\]|\| any\b|any;/, `${file} uses no any`);
    const undocumented = [...dts.matchAll(/(\*\/\n)?^export (?:default )?(?:function|interface|type) (\w+)/gm)]
      .filter((m) => m[1] === undefined)
      .map((m) => m[2]);
    assert.deepEqual(undocumented, [], `${file}: exports without a doc comment`);
  }
});
