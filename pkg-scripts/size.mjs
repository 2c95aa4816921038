// Prints the raw and gzipped size of the wasm module.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const path = process.argv[2];
const bytes = readFileSync(path);
const gzipped = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
console.log(`size: ${path}: ${kb(bytes.length)} KiB raw, ${kb(gzipped)} KiB gzipped`);
