// The whole-process side of the comparison: one Node process that analyzes each file
// given (each as its own project, as dclint lints each file) and prints the findings
// as JSON, as `dclint FILES -f json` does.
import { readFileSync } from 'node:fs';
import { analyze } from '../pkg/node.js';

const results = process.argv.slice(2).map((path) => {
  const report = analyze({ files: [{ path, text: readFileSync(path, 'utf8') }] });
  return { path, findings: report.findings };
});
process.stdout.write(JSON.stringify(results) + '\n');
