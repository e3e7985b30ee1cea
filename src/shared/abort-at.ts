import { setMaxListeners } from 'node:events';

/**
 * A signal that aborts at `epochMs`: the SDK gives up the request, its socket included. Every
 * request of a phase listens to the one signal, far more than the 10 listeners Node warns about.
 */
export function abortAt(epochMs: number): AbortSignal {
  const signal = AbortSignal.timeout(Math.max(0, epochMs - Date.now()));
  setMaxListeners(Number.POSITIVE_INFINITY, signal);
  return signal;
}
