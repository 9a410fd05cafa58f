/** Body of the node worker thread: answer check requests with the sync core. */
import { parentPort } from 'node:worker_threads';
import { handleRequest, warmUpInIdleTime, type WorkerRequest } from './worker-entry';

let requested = false;
parentPort!.on('message', (req: WorkerRequest) => {
  requested = true;
  handleRequest(req, (m) => parentPort!.postMessage(m));
});
parentPort!.postMessage({ id: -1, kind: 'ready' });
warmUpInIdleTime(
  () => requested,
  (f) => setImmediate(f),
);
