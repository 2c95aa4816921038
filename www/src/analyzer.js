// The page talks to the package through one small asynchronous interface, whether the
// package runs in a worker (the served page, so typing stays smooth on large files) or
// in the page itself (the self-contained file, where a worker cannot be started).

/** The calls the page makes; a package without one of them simply lacks that view. */
export const CALLS = [
  'version',
  'analyze',
  'questions',
  'recommend',
  'generate',
  'render',
  'rules',
  'diagram',
  'fix',
];

/** An error from the package, rebuilt on this side with its message and position. */
function rebuild(data) {
  const error = new Error(data.message);
  for (const [key, value] of Object.entries(data.fields ?? {})) error[key] = value;
  error.trap = Boolean(data.trap);
  return error;
}

/** What a thrown value carries across to the page. */
export function describeError(error) {
  const fields = {};
  for (const key of ['line', 'column', 'file']) {
    if (error && typeof error === 'object' && key in error) fields[key] = error[key];
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    fields,
    trap: error instanceof WebAssembly.RuntimeError,
  };
}

/** The names of `CALLS` that `module` exports. */
export function available(module) {
  return CALLS.filter((name) => typeof module[name] === 'function');
}

/**
 * The package in a worker. A WebAssembly trap leaves an instance unusable, so after one
 * the worker is replaced by a fresh one.
 */
export async function inWorker(url) {
  let worker;
  let ready;
  let next = 0;
  const pending = new Map();

  const start = () => {
    worker = new Worker(url, { type: 'module' });
    ready = new Promise((done, fail) => {
      worker.addEventListener('message', function first(event) {
        if (event.data.kind !== 'ready') return;
        worker.removeEventListener('message', first);
        done(event.data.calls);
      });
      worker.addEventListener('error', (event) => fail(new Error(event.message || 'the analyzer did not start')));
    });
    worker.addEventListener('message', (event) => {
      const { kind, id } = event.data;
      if (kind !== 'result' && kind !== 'error') return;
      const call = pending.get(id);
      pending.delete(id);
      if (!call) return;
      if (kind === 'result') call.done(event.data.value);
      else call.fail(rebuild(event.data.error));
    });
  };
  start();
  const calls = await ready;

  const call = async (name, ...args) => {
    await ready;
    next += 1;
    const id = next;
    const result = new Promise((done, fail) => pending.set(id, { done, fail }));
    worker.postMessage({ id, name, args });
    try {
      return await result;
    } catch (error) {
      if (error.trap) {
        worker.terminate();
        start();
      }
      throw error;
    }
  };
  return { calls, call, restarts: true };
}

/** The package in the page itself, already initialized. */
export function inPage(module) {
  const calls = available(module);
  const call = async (name, ...args) => {
    try {
      return module[name](...args);
    } catch (error) {
      throw rebuild(describeError(error));
    }
  };
  return { calls, call, restarts: false };
}
