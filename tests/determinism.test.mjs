// The same input gives byte-identical output every time, and the WebAssembly package gives
// byte for byte what the native build gives: every render format and every diagram form,
// for every file of the real corpus. The native side is the `outputs` example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { analyze, diagram, render } from '../pkg/node.js';
import { CORPUS, ROOT, corpusFile, corpusNames } from './helpers.mjs';

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'];

function packageOutputs(text) {
  const files = [{ path: 'compose.yaml', text }];
  const report = analyze({ files });
  const outputs = Object.fromEntries(FORMATS.map((format) => [format, render(report, format, files)]));
  const drawing = diagram({ files });
  outputs['diagram.svg'] = drawing.svg;
  outputs['diagram.mermaid'] = drawing.mermaid;
  outputs['diagram.text'] = drawing.text;
  return outputs;
}

const names = corpusNames();

test('the package gives the same outputs twice for every corpus file', () => {
  for (const name of names) {
    const text = corpusFile(name);
    assert.deepEqual(packageOutputs(text), packageOutputs(text), name);
  }
});

test('the package and the native build give byte-identical outputs for every corpus file', () => {
  const native = JSON.parse(
    execFileSync(
      'cargo',
      ['run', '--quiet', '-j1', '-p', 'compose-architect', '--example', 'outputs', '--', ...names.map((n) => join(CORPUS, n))],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    ),
  );

  assert.deepEqual(Object.keys(native).sort(), [...names].sort());
  for (const name of names) {
    const wasm = packageOutputs(corpusFile(name));
    assert.deepEqual(Object.keys(wasm).sort(), Object.keys(native[name]).sort(), name);
    for (const [output, text] of Object.entries(native[name])) {
      assert.ok(text.length > 0, `${name}: ${output} is empty`);
      // strictEqual on strings: a difference shows where it starts
      assert.strictEqual(wasm[output], text, `${name}: ${output}`);
    }
    // the report is the same object, not only the same text
    assert.deepEqual(analyze({ files: [{ path: 'compose.yaml', text: corpusFile(name) }] }), JSON.parse(native[name].json));
  }
});
