/**
 * The pipeline for one delivery: decode → parse → decide → render → publish.
 * Pure modules do the work; this one only wires them and logs one line per decision.
 */
import type { SNSClient } from '@aws-sdk/client-sns';
import { decide } from './announce-policy.js';
import { decodeDelivery } from './awslogs.js';
import type { Config } from './config.js';
import { RecordError } from './errors.js';
import { logger } from './logger.js';
import { type Notification, toNotification } from './notification.js';
import { publishAll } from './publish.js';
import { parseRecord, type SignIn } from './sign-in.js';

export interface NotifyDependencies {
  readonly config: Config;
  readonly sns: SNSClient;
}

export interface DeliveryReport {
  readonly messageType: string;
  readonly records: number;
  readonly signIns: number;
  readonly announced: number;
  readonly filtered: number;
  readonly duplicates: number;
  readonly malformed: number;
  readonly otherEvents: number;
}

export async function notify(event: unknown, { config, sns }: NotifyDependencies): Promise<DeliveryReport> {
  const delivery = decodeDelivery(event);
  const counts = { signIns: 0, filtered: 0, duplicates: 0, malformed: 0, otherEvents: 0 };
  const report = (announced: number): DeliveryReport => ({
    messageType: delivery.messageType,
    records: delivery.logEvents.length,
    announced,
    ...counts,
  });
  if (delivery.messageType === 'CONTROL_MESSAGE') {
    logger.debug('CloudWatch Logs control message acknowledged');
    return report(0);
  }

  const announced: { signIn: SignIn; position: number }[] = [];
  const unrendered: number[] = [];
  const seen = new Set<string>();
  delivery.logEvents.forEach(({ id, message }, position) => {
    const parsed = parseRecord(message);
    if (parsed.kind === 'malformed') {
      counts.malformed++;
      logger.warn('Malformed record skipped', {
        position,
        logEventId: id,
        reason: parsed.reason,
        logStream: delivery.logStream,
      });
      return;
    }
    if (parsed.kind === 'other-event') {
      counts.otherEvents++;
      logger.info('Not a sign-in event; skipped', { position, eventName: parsed.eventName });
      return;
    }
    const { signIn } = parsed;
    counts.signIns++;
    // CloudTrail's eventID names the event; a record without one is known by its text.
    const identity = signIn.eventId ?? message;
    if (seen.has(identity)) {
      counts.duplicates++;
      logger.info('Repeated sign-in record; announced once', { position, eventId: signIn.eventId });
      return;
    }
    seen.add(identity);
    const decision = decide(signIn, config);
    if (!decision.announce) {
      counts.filtered++;
      logger.info('Sign-in not announced', {
        position,
        eventId: signIn.eventId,
        user: signIn.userName,
        reason: decision.reason,
      });
      return;
    }
    announced.push({ signIn, position });
  });

  // Rendered just before each batch is sent: only the batches in flight hold their messages.
  function* rendered(): Generator<Notification> {
    for (const { signIn, position } of announced) {
      try {
        yield toNotification(signIn, signIn.eventId ?? `position ${position}`);
      } catch (error) {
        unrendered.push(position);
        logger.error('Sign-in could not be rendered', { position, eventId: signIn.eventId, error });
      }
    }
  }
  const published = await publishAll(sns, config.topicArn, rendered());
  for (const { key, messageId } of published) {
    logger.info('Sign-in announced', { eventId: key, messageId });
  }
  if (unrendered.length > 0) throw new RecordError(unrendered);
  return report(published.length);
}
