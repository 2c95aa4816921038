// The served page: the package runs in a worker beside it, and the offline worker keeps
// the page's files so that it opens again with the network off.
import { inWorker } from './analyzer.js';
import { start } from './main.js';

if ('serviceWorker' in navigator) {
  // without it the page still works; it only cannot be reopened offline
  navigator.serviceWorker.register('./sw.js').catch(() => {});
}
start(await inWorker(new URL('./worker.js', import.meta.url)));
