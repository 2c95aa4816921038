// SARIF from the built package on real compose files, checked twice: by Microsoft's SARIF
// validator (the `sarif-multitool` npm package, run from node_modules) and by the SARIF
// 2.1.0 JSON schema that package ships, read with Ajv. Both must report zero errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { analyze, render } from '../pkg/node.js';
import { temporaryFolder } from './helpers.mjs';

const require = createRequire(import.meta.url);
// the package's entry is the path of the validator built for this platform
const MULTITOOL = require('@microsoft/sarif-multitool');
const SCHEMA_PATH = join(dirname(MULTITOOL), 'sarif-2.1.0.json');
const SCHEMA = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));

const WORK = temporaryFolder('compose-architect-sarif-');

// SARIF2006 fetches every absolute URI in the log (our `$schema`) over HTTP: turned off,
// so that the test makes no request.
const POLICY = join(WORK, 'policy.xml');
writeFileSync(
  POLICY,
  `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`,
);

// The tool has no page on another host, so `informationUri` is left out on purpose.
const EXPECTED_WARNINGS = new Set(['SARIF2005']);

/** Projects from the real corpus, each the list of its files in order. */
const PROJECTS = [
  ['awesome-compose__react-express-mongodb_compose.yaml'],
  ['awesome-compose__nextcloud-redis-mariadb_compose.yaml'],
  // non-ASCII text
  ['docker-elk__docker-compose.yaml'],
  // a base file and an override
  ['frappe_docker__compose.yaml', 'frappe_docker__overrides_compose.mariadb-secrets.yaml'],
  ['netbox-docker__docker-compose.yaml', 'netbox-docker__docker-compose.test.yaml'],
];

function corpusFiles(names) {
  return names.map((name) => ({
    path: `corpus/${name}`,
    text: readFileSync(new URL(`../../shared/corpus/real/${name}`, import.meta.url), 'utf8'),
  }));
}

/**
 * Runs `sarif-multitool validate` on a file; returns the validator's own results, each with
 * its rule and level (a missing level is SARIF's default, `warning`).
 */
function multitool(file) {
  const out = `${file}.validation.sarif`;
  try {
    execFileSync(
      MULTITOOL,
      [
        'validate', file,
        '--output', out,
        '--log', 'ForceOverwrite',
        '--config', POLICY,
        '--json-schema', SCHEMA_PATH,
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
      },
    );
  } catch (e) {
    assert.fail(`sarif-multitool could not run (${MULTITOOL}): ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }

  const log = JSON.parse(readFileSync(out, 'utf8'));
  const run = log.runs[0];
  const failed = (run.invocations ?? []).filter((i) => i.executionSuccessful === false);
  assert.deepEqual(failed, [], 'the validator reported a failed run');
  return (run.results ?? []).map((r) => ({
    rule: r.ruleId,
    level: r.level ?? 'warning',
    where: r.message?.arguments?.[0],
  }));
}

function schemaValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(SCHEMA);
}

test('the validator runs here, and finds errors in a broken log', () => {
  // a check that finds nothing must be shown to find something
  const files = corpusFiles(PROJECTS[0]);
  const sarif = JSON.parse(render(analyze({ files }), 'sarif', files));
  assert.ok(sarif.runs[0].results.length > 0);
  sarif.runs[0].results[0].ruleIndex = 999;
  sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  const file = join(WORK, 'broken.sarif');
  writeFileSync(file, JSON.stringify(sarif, null, 2));

  const errors = multitool(file).filter((r) => r.level === 'error').map((r) => r.rule);
  assert.ok(errors.includes('SARIF1009'), `no error for the rule index: ${errors}`);
  assert.ok(errors.includes('JSON1008'), `no schema error for the line: ${errors}`);
  assert.equal(schemaValidator()(sarif), false);

  // the validator reads a level outside the schema's enumeration as nothing at all; the
  // schema check is the one that catches it
  const level = JSON.parse(render(analyze({ files }), 'sarif', files));
  level.runs[0].results[0].level = 'fatal';
  assert.equal(schemaValidator()(level), false);
});

for (const names of PROJECTS) {
  test(`SARIF of ${names.join(' + ')} has no validation errors`, () => {
    const files = corpusFiles(names);
    const report = analyze({ files });
    const text = render(report, 'sarif', files);
    assert.equal(render(report, 'sarif', files), text, 'not the same twice');

    const sarif = JSON.parse(text);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].columnKind, 'utf16CodeUnits');
    assert.equal(sarif.runs[0].results.length, report.findings.length);
    assert.deepEqual(
      sarif.runs[0].artifacts.map((a) => a.location.uri),
      files.map((f) => f.path),
    );

    const validate = schemaValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));

    const file = join(WORK, `${names[0]}.sarif`);
    writeFileSync(file, text);
    const results = multitool(file);
    const errors = results.filter((r) => r.level === 'error');
    assert.deepEqual(errors, [], 'the validator reported errors');
    const warnings = results.filter((r) => r.level === 'warning');
    assert.deepEqual(
      warnings.filter((r) => !EXPECTED_WARNINGS.has(r.rule)),
      [],
      'the validator reported unexpected warnings',
    );
    // it did analyze the file: the one expected warning is there
    assert.ok(warnings.some((r) => r.rule === 'SARIF2005'), JSON.stringify(results));
  });
}

test('render reads the report back from JSON, and refuses an unknown format', () => {
  const files = corpusFiles(PROJECTS[0]);
  const report = analyze({ files });
  const again = JSON.parse(render(report, 'json'));
  assert.deepEqual(again, report);
  assert.equal(render(again, 'sarif', files), render(report, 'sarif', files));
  assert.match(render(report, 'text', files), /^\s+\| +\^+$/m);

  assert.throws(() => render(report, 'xml'), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /unknown format "xml"/);
    assert.match(e.message, /text, json, sarif, markdown, github/);
    return true;
  });
  assert.throws(() => render(report, 'text', 'compose.yaml'), /render: invalid files/);
  assert.throws(() => render({ ...report, version: 2 }, 'json'), /unsupported report version 2/);
});
