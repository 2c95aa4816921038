// The served page: the package runs in a worker beside it.
import { inWorker } from './analyzer.js';
import { start } from './main.js';

start(await inWorker(new URL('./worker.js', import.meta.url)));
