/** Body of the node worker thread: answer check requests with the sync core. */
import { parentPort } from 'node:worker_threads';
import { handleRequest, warmUp, type WorkerRequest } from './worker-entry';

parentPort!.on('message', (req: WorkerRequest) => handleRequest(req, (m) => parentPort!.postMessage(m)));
warmUp();
parentPort!.postMessage({ id: -1, kind: 'ready' });
