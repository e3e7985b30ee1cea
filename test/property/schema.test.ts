/**
 * Every rendered message, of every real record and of hostile ones, within the schemas of
 * schema/: the JSON document in each machine body, the chat card in `https`. And the schemas
 * themselves refuse what subscribers could not rely on.
 */
import { describe, expect, it } from 'vitest';
import { contextOf } from '../../src/render/chat-context.js';
import { SCHEMA_VERSION } from '../../src/render/document.js';
import { entryBytes, MAX_ENTRY_BYTES, toNotification } from '../../src/render/notification.js';
import { parseRecord } from '../../src/sign-ins/parse-record.js';
import { cloudTrailFixtures, cloudTrailRecord } from '../../testing/events.js';
import { chatErrors, DOCUMENT_PROTOCOLS, documentErrors, messageErrors } from '../support/schemas.js';

const bodiesOf = (message: string) => JSON.parse(message) as Record<string, string>;

function render(record: unknown, accountName?: string) {
  const parsed = parseRecord(JSON.stringify(record));
  if (parsed.kind !== 'sign-in') throw new Error(`not a sign-in: ${parsed.kind}`);
  return toNotification(parsed.signIn, 'key', { accountName, via: 'cloudwatch-logs' });
}

const signInFixtures = cloudTrailFixtures().filter(
  ({ record }) => parseRecord(JSON.stringify(record)).kind === 'sign-in',
);

describe('every real record', () => {
  it('has sign-in fixtures of every kind folder', () => {
    expect(new Set(signInFixtures.map(({ kind }) => kind)).size).toBeGreaterThanOrEqual(7);
  });

  it.each(signInFixtures.map(({ name, record }) => [name, record]))(
    '%s: every body within its schema',
    (_name, record) => {
      for (const accountName of [undefined, 'prod-payments']) {
        const notification = render(record, accountName);
        const bodies = bodiesOf(notification.message);
        expect(messageErrors(notification)).toEqual([]);
        const document = JSON.parse(bodies.sqs as string);
        expect(document.schemaVersion).toBe(SCHEMA_VERSION);
        for (const protocol of DOCUMENT_PROTOCOLS) expect(bodies[protocol]).toBe(bodies.sqs);
        // The card carries the document's facts, every one of them.
        expect(JSON.parse(bodies.https as string).metadata.additionalContext).toEqual(contextOf(document));
      }
    },
  );
});

describe('hostile records', () => {
  const base = cloudTrailRecord('credential-verification/aws-docs-idc-unknown-password-failure');
  const huge = 'x'.repeat(120_000);
  const cases: [string, Record<string, unknown>][] = [
    [
      'markup in every string',
      withEverywhere(base, '<!channel> *bold* `tick` <https://evil.example|click> &amp;'),
    ],
    ['controls and lone surrogates', withEverywhere(base, 'a\u0000\u001b[31m\r\nb\ud800c\u202ed')],
    ['120 kB in every string', withEverywhere(base, huge)],
    ['a 60 kB eventID', { ...base, eventID: 'e'.repeat(60_000) }],
    [
      'ten thousand credential types',
      {
        ...base,
        serviceEventDetails: { CredentialType: Array.from({ length: 10_000 }, (_, i) => `T${i}`).join(',') },
      },
    ],
  ];

  it.each(cases)('%s: within the schemas and SNS limits', (_name, record) => {
    const notification = render(record, huge);
    expect(messageErrors(notification)).toEqual([]);
    expect(entryBytes(notification)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
  });

  it('forges no chat link or mention, and no code span breaks', () => {
    const card = JSON.parse(bodiesOf(render(cases[0]?.[1]).message).https as string);
    const text = `${card.content.title}\n${card.content.description}\n${card.content.nextSteps.join('\n')}`;
    expect(text).not.toMatch(/<!|<https:\/\/evil/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(card.content.description).not.toMatch(/`[^`\n]*`tick/);
  });
});

describe('the schemas refuse', () => {
  const notification = render(cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa'));
  const document = JSON.parse(bodiesOf(notification.message).sqs as string);
  const card = JSON.parse(bodiesOf(notification.message).https as string);

  it.each([
    ['a key the schema does not know', { ...document, extra: 1 }, '/ must NOT have additional properties'],
    [
      'no schemaVersion',
      { ...document, schemaVersion: undefined },
      "/ must have required property 'schemaVersion'",
    ],
    [
      'an unknown outcome',
      { ...document, outcome: 'Maybe' },
      '/outcome must be equal to one of the allowed values',
    ],
    [
      'a line break in a string',
      { ...document, user: { ...document.user, name: 'a\nb' } },
      '/user/name must match pattern',
    ],
    [
      'a string over 512',
      { ...document, userAgent: 'x'.repeat(513) },
      '/userAgent must NOT have more than 512 characters',
    ],
  ])('a document with %s', (_name, bad, error) => {
    expect(documentErrors(JSON.parse(JSON.stringify(bad))).join('\n')).toContain(error);
  });

  it.each([
    [
      'a title over 250',
      { ...card, content: { ...card.content, title: 't'.repeat(251) } },
      '/content/title must NOT have more than 250 characters',
    ],
    [
      'a description over 8000',
      { ...card, content: { ...card.content, description: 'd'.repeat(8001) } },
      '/content/description must NOT have more than 8000 characters',
    ],
    ['another source', { ...card, source: 'aws.signin' }, '/source must be equal to constant'],
    [
      'a fact that is not a string',
      {
        ...card,
        metadata: {
          ...card.metadata,
          additionalContext: { ...card.metadata.additionalContext, mobile: false },
        },
      },
      '/metadata/additionalContext/mobile must be string',
    ],
  ])('a chat card with %s', (_name, bad, error) => {
    expect(chatErrors(bad).join('\n')).toContain(error);
  });
});

/** The record with `value` in every string field people read. */
function withEverywhere(record: Record<string, unknown>, value: string): Record<string, unknown> {
  return {
    ...record,
    userIdentity: {
      type: value,
      userName: value,
      arn: value,
      principalId: value,
      accountId: value,
      onBehalfOf: { userId: value },
    },
    awsRegion: value,
    sourceIPAddress: value,
    userAgent: value,
    errorMessage: value,
    recipientAccountId: value,
    serviceEventDetails: { CredentialType: `PASSWORD,${value}`, CredentialVerification: 'Failure' },
    additionalEventData: { LoginTo: value, MFAUsed: 'No', MfaType: value },
  };
}
