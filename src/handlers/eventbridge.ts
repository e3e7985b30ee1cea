/**
 * PLACEHOLDER so that `serverless package` can build the fastPath function of serverless.yml; the
 * EventBridge handler of issue 9 replaces this file. It imports nothing and announces nothing.
 */
export function handler(): never {
  throw new Error('not built yet');
}
