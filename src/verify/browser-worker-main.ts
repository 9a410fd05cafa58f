/** Body of the browser Web Worker. */
import { handleRequest, type WorkerRequest } from './worker-entry';

const scope = self as unknown as { onmessage: (e: MessageEvent<WorkerRequest>) => void; postMessage: (m: unknown) => void };
scope.onmessage = (e) => handleRequest(e.data, (m) => scope.postMessage(m));
