/**
 * Publishes the sign-ins a delivery announces, rendering each message only as the publishing
 * workers pull it (so only the batches in flight hold messages), and sorts them into announced and
 * not announced, with the reason, for the caller to confirm, release and park.
 */
import type { Candidate } from '../decide/plan.js';
import type { Severity } from '../decide/severity.js';
import type { ErrorSummary } from '../guarantees/parked-message.js';
import { positionOf } from '../observability/decision-log.js';
import { logger } from '../observability/logger.js';
import { publishNotifications } from '../publish/publish-notifications.js';
import { type Notification, toNotification } from '../render/notification.js';
import { PublishError, type PublishFailure } from '../shared/errors.js';
import type { Via } from '../shared/source-record.js';
import type { Pipeline } from './pipeline.js';

/** Only the facts kept after publishing: a rendered message is dropped once it is sent. */
export interface Announced {
  readonly candidate: Candidate;
  readonly severity: Severity;
}

export interface NotAnnounced {
  readonly candidate: Candidate;
  readonly reason: 'publish-failed' | 'render-failed';
  readonly error: ErrorSummary;
}

/** Renders each message as the publishing workers pull it, so only the batches in flight hold messages. */
export async function renderAndPublish(
  candidates: readonly Candidate[],
  pipeline: Pipeline,
  { accountNames, via }: { readonly accountNames: ReadonlyMap<string, string>; readonly via: Via },
): Promise<{ announced: Announced[]; failed: NotAnnounced[] }> {
  const byKey = new Map<string, Announced>();
  const failed: NotAnnounced[] = [];
  function* notifications(): Generator<Notification> {
    for (const candidate of candidates) {
      try {
        const { signIn, record } = candidate;
        const notification = toNotification(signIn, `#${record.position}`, {
          accountName: accountNames.get(signIn.account),
          via,
        });
        byKey.set(notification.key, { candidate, severity: notification.severity });
        yield notification;
      } catch (error) {
        // One record that cannot be rendered must not sink the others.
        const { name, message } = error as Error;
        failed.push({ candidate, reason: 'render-failed', error: { code: name, message } });
        logger.error('Sign-in could not be rendered', { ...positionOf(candidate), error });
      }
    }
  }
  let failures: readonly PublishFailure[] = [];
  let published: readonly { key: string; messageId: string }[];
  try {
    published = await publishNotifications(pipeline.sns, pipeline.config.topicArn, notifications(), {
      ...pipeline.publishOptions,
      deadline: pipeline.budget.publishBy,
    });
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    ({ failures, published } = error);
  }
  const announced = published.map(({ key, messageId }) => {
    const item = byKey.get(key) as Announced;
    logger.info('Sign-in announced', {
      ...positionOf(item.candidate),
      messageId,
      severity: item.severity,
    });
    return item;
  });
  for (const { key, code, message } of failures) {
    const { candidate } = byKey.get(key) as Announced;
    failed.push({ candidate, reason: 'publish-failed', error: { code, message } });
  }
  return { announced, failed };
}
