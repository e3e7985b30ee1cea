/** Starts a loopback server in a worker thread (loopback-worker.ts) and talks to it. */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { LoopbackRequest } from './loopback-worker.js';

export interface RemoteStats {
  readonly requests: number;
  readonly operations: Record<string, number>;
  readonly mostInFlight: number;
}

export interface RemoteLoopback {
  readonly url: string;
  stats(): Promise<RemoteStats>;
  close(): Promise<void>;
}

export async function startRemoteLoopback(request: LoopbackRequest): Promise<RemoteLoopback> {
  // A worker does not inherit tsx's loader: register it there first, then load the TypeScript.
  const entry = new URL('./loopback-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: request });
  const [{ url }] = (await once(worker, 'message')) as [{ url: string }];
  const ask = async <T>(message: 'stats' | 'close'): Promise<T> => {
    worker.postMessage(message);
    return ((await once(worker, 'message')) as [T])[0];
  };
  return {
    url,
    stats: () => ask<RemoteStats>('stats'),
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
}
