// The worker that runs the package, so a long analysis never blocks typing.
import init, * as glue from '../../pkg/compose_architect.js';
import { available, describeError } from './analyzer.js';

await init({ module_or_path: new URL('./pkg/compose_architect_bg.wasm', import.meta.url) });
const calls = available(glue);

self.addEventListener('message', (event) => {
  const { id, name, args } = event.data;
  try {
    if (!calls.includes(name)) throw new Error(`this version of the package has no ${name}()`);
    self.postMessage({ kind: 'result', id, value: glue[name](...args) });
  } catch (error) {
    self.postMessage({ kind: 'error', id, error: describeError(error) });
  }
});
self.postMessage({ kind: 'ready', calls });
