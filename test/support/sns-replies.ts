/** Scripted replies of the loopback SNS (testing/sns-loopback.ts), shared by the wire tests. */
import type { Reply, WireRequest } from '../../testing/sns-loopback.js';

/** Scripted replies for the first requests, in arrival order; every later request succeeds. */
export const firstReplies =
  (...replies: Reply[]) =>
  (_request: WireRequest, index: number): Reply =>
    replies[index] ?? { kind: 'ok' };
