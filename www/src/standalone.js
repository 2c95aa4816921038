// The self-contained file: the package's bytes are inside this script, and it runs in
// the page, so the file works opened from disk with no network at all.
import { initSync } from '../../pkg/compose_architect.js';
import * as glue from '../../pkg/compose_architect.js';
import bytes from '../../pkg/compose_architect_bg.wasm';
import { inPage } from './analyzer.js';
import { start } from './main.js';

initSync({ module: bytes });
start(inPage(glue));
