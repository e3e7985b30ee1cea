/**
 * Inputs of the demo: the built-in sample deliveries (real records of test/events), and the shapes
 * in which people hold CloudTrail records (a record, an array, a log file, an EventBridge event,
 * `aws cloudtrail lookup-events` output), each turned into the delivery CloudWatch Logs would send.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Via } from '../../src/shared/source-record.js';
import { encodeDelivery } from '../../src/sources/cloudwatch-logs.js';

const CLOUDTRAIL = join(import.meta.dirname, '..', '..', 'test', 'events', 'cloudtrail');
const CLOUDWATCH_LOGS = join(import.meta.dirname, '..', '..', 'test', 'events', 'cloudwatch-logs');
const EVENTBRIDGE = join(import.meta.dirname, '..', '..', 'test', 'events', 'eventbridge');

export interface DemoDelivery {
  readonly title: string;
  /** A CloudWatch Logs delivery, or (via eventbridge) an EventBridge event of the fast path. */
  readonly event: unknown;
  readonly via?: Via;
  /** Run with the demo's in-memory dedupe table, shared by every delivery that says so. */
  readonly deduped?: boolean;
}

/** A data message of these CloudTrail records (or raw lines), as a subscription filter sends it. */
export function demoDelivery(records: readonly unknown[]): DemoDelivery['event'] {
  return encodeDelivery({
    messageType: 'DATA_MESSAGE',
    owner: '111122223333',
    logGroup: 'CloudTrail/DefaultLogGroup',
    logStream: '111122223333_CloudTrail_us-east-1',
    subscriptionFilters: ['console-login-notifier-demo'],
    logEvents: records.map((record, index) => ({
      id: String(index),
      timestamp: Date.now(),
      message: typeof record === 'string' ? record : JSON.stringify(record),
    })),
  });
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const sample = (name: string) => readJson(join(CLOUDTRAIL, `${name}.json`));

/**
 * A real record of the nearest kind, changed as said: no public record of a failed CheckMfa, nor of
 * the root recovery and e-mail events, was found (test/events/SOURCES.md). The title says so.
 */
function derived(name: string, changes: Record<string, unknown>): Record<string, unknown> {
  return { ...sample(name), ...changes };
}

const rootEvent = (eventName: string) =>
  derived('root-credentials/aws-docs-ct-password-updated', {
    eventName,
    eventID: `demo-${eventName}`,
    responseElements: { [eventName]: 'Success' },
  });

/** One sample of each sign-in kind, each in its own delivery (some share an eventID), then the edge cases. */
export function sampleDeliveries(): DemoDelivery[] {
  const samples: [title: string, record: Record<string, unknown>][] = [
    ['ConsoleLogin: root, with MFA', sample('console-login/aws-docs-ct-root-success-mfa')],
    ['ConsoleLogin: an IAM user without MFA', sample('console-login/usiem-flaws-iam-user-success-no-mfa')],
    ['ConsoleLogin: a failed IAM user sign-in', sample('console-login/aws-docs-ct-iam-user-failure')],
    [
      'ConsoleLogin: IAM Identity Center (SSO) role session',
      sample('console-login/panther-sso-assumedrole-success'),
    ],
    [
      'CheckMfa: a failed second factor (a real CheckMfa record, its outcome set to Failure)',
      derived('check-mfa/aws-docs-ct-u2f', { responseElements: { CheckMfa: 'Failure' } }),
    ],
    ['UserAuthentication: a password alone', sample('user-authentication/aws-docs-sso-unknown-password')],
    [
      'UserAuthentication: password and TOTP',
      sample('user-authentication/aws-docs-idc-identitycenteruser-password-totp'),
    ],
    [
      'UserAuthentication: an external identity provider',
      sample('user-authentication/elastic-identitycenteruser-external-idp-redacted'),
    ],
    [
      'CredentialVerification: a wrong password',
      sample('credential-verification/aws-docs-sso-unknown-password-failure'),
    ],
    [
      'CredentialVerification: a failed TOTP code (a real failure, its CredentialType set to TOTP)',
      derived('credential-verification/aws-docs-sso-unknown-password-failure', {
        eventID: 'demo-totp-failure',
        additionalEventData: { CredentialType: 'TOTP' },
      }),
    ],
    [
      'PasswordUpdated: the root password changed',
      sample('root-credentials/panther-root-passwordupdated-success'),
    ],
    [
      'PasswordRecoveryRequested (a real PasswordUpdated record, renamed)',
      rootEvent('PasswordRecoveryRequested'),
    ],
    [
      'PasswordRecoveryCompleted (a real PasswordUpdated record, renamed)',
      rootEvent('PasswordRecoveryCompleted'),
    ],
    ['EmailUpdated (a real PasswordUpdated record, renamed)', rootEvent('EmailUpdated')],
    ['SwitchRole (opt-in)', sample('switch-role/davxiao-cross-account')],
    ['GetSigninToken (opt-in)', sample('get-signin-token/panther-assumedrole-python-requests')],
  ];
  const root = sample('console-login/aws-docs-ct-root-success-mfa');
  return [
    ...samples.map(([title, record]) => ({ title: `sample ${title}`, event: demoDelivery([record]) })),
    {
      title:
        'a delivery with a repeated record, a truncated record, steps of sign-ins (a passed CheckMfa, a credential asked for and one accepted) and an STS record carrying ConsoleLogin',
      event: demoDelivery([
        root,
        '{"eventVersion":"1.03","userIdentity":{"type":"Root"}',
        sample('check-mfa/aws-docs-ct-u2f'),
        sample('credential-challenge/aws-docs-sso-unknown-totp'),
        sample('credential-verification/aws-docs-sso-unknown-totp-success'),
        { ...sample('console-login/aws-docs-ct-root-failure'), eventSource: 'sts.amazonaws.com' },
        root,
      ]),
    },
    {
      title: 'a CloudWatch Logs control message',
      event: encodeDelivery(readJson(join(CLOUDWATCH_LOGS, 'vector-control-message.json'))),
    },
    ...fastPathAndTwin(),
  ];
}

/** A root sign-in on the fast path within seconds, then its CloudWatch Logs twin minutes later. */
function fastPathAndTwin(): DemoDelivery[] {
  const event = readJson(join(EVENTBRIDGE, 'aws-docs-eventbridge-root-consolelogin-no-version.json'));
  return [
    {
      title: 'the fast path: an EventBridge event, seconds after the sign-in',
      event,
      via: 'eventbridge',
      deduped: true,
    },
    {
      title: 'its twin on the CloudWatch Logs path, minutes later: suppressed by the dedupe table',
      event: demoDelivery([event.detail]),
      deduped: true,
    },
  ];
}

/** The CloudTrail records inside a parsed JSON file, whichever of the usual shapes it has. */
export function recordsOf(input: unknown, source: string): unknown[] {
  if (Array.isArray(input)) return input.flatMap((item) => recordsOf(item, source));
  if (typeof input !== 'object' || input === null) {
    throw new Error(`${source}: expected a CloudTrail record, an array or {"Records": [...]}`);
  }
  const value = input as Record<string, unknown>;
  if (Array.isArray(value.Records)) return value.Records;
  if (Array.isArray(value.Events)) {
    return value.Events.map((event) => JSON.parse((event as { CloudTrailEvent: string }).CloudTrailEvent));
  }
  if (typeof value.detail === 'object' && value.detail !== null) return [value.detail];
  if (typeof value.eventName === 'string') return [value];
  throw new Error(`${source}: no CloudTrail record found (no eventName, Records, Events or detail)`);
}
