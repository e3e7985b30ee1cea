import { describe, expect, it } from 'vitest';
import { severityOf } from '../../../src/decide/severity.js';
import { type ChatCard, renderChat } from '../../../src/render/chat.js';
import { contextOf } from '../../../src/render/chat-context.js';
import { renderDocument } from '../../../src/render/document.js';
import type { SignIn } from '../../../src/sign-ins/sign-in.js';
import { cloudTrailRecord } from '../../../testing/events.js';
import { aSignIn, signInOf } from '../../support/sign-in.js';

function cardOf(signIn: SignIn, accountName?: string): ChatCard {
  const severity = severityOf(signIn);
  return renderChat(signIn, severity, renderDocument(signIn, severity, accountName, 'eventbridge'), {
    subject: 'the subject',
    accountName,
  });
}

describe('renderChat', () => {
  it('opens a root sign-in with its alarm, in the channel itself, with the CloudTrail link as a step', () => {
    const card = cardOf(
      signInOf(cloudTrailRecord('console-login/aws-docs-ct-root-success-mfa')),
      'prod-payments',
    );

    expect(card.content.title).toBe(
      ':rotating_light: ROOT console sign-in: root @ prod-payments (111122223333), us-east-1',
    );
    expect(card.metadata.threadId).toBeUndefined();
    expect(card.metadata.summary).toBe('the subject');
    expect(card.metadata.eventType).toBe('ConsoleLogin');
    expect(card.content.keywords).toEqual(['critical', 'ConsoleLogin', 'Success']);
    expect(card.content.nextSteps).toEqual([
      expect.stringMatching(
        /^<https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudtrailv2\/home\?region=us-east-1#\/events\/[0-9a-f-]+\|See the event in CloudTrail>$/,
      ),
    ]);
    expect(card.content.description).toMatch(
      /^The ROOT user signed in to the AWS console of account `prod-payments` \(`111122223333`\)\.\n\n/,
    );
    expect(card.content.description).toContain('*Source IP:* `');
  });

  it('threads the routine and the repeated (info, medium) by account and user, and not the alarming', () => {
    expect(cardOf(aSignIn({ mfaUsed: true })).metadata.threadId).toBe('sign-ins-111122223333-alice');
    expect(cardOf(aSignIn({ outcome: 'Failure' })).metadata.threadId).toBe('sign-ins-111122223333-alice');
    expect(cardOf(aSignIn({ mfaUsed: false })).metadata.threadId).toBeUndefined();
    expect(cardOf(aSignIn({ identityType: 'Root', userName: 'root' })).metadata.threadId).toBeUndefined();
    expect(cardOf(aSignIn({ userName: 'ünï <x>', mfaUsed: true })).metadata.threadId).toBe(
      'sign-ins-111122223333-?n? <x>',
    );
  });

  it('gives the steps of a kind with advice to act on, and the meaning in the description', () => {
    const card = cardOf(signInOf(cloudTrailRecord('check-mfa/aws-docs-ct-u2f')));
    const failed = cardOf({
      ...(card && signInOf(cloudTrailRecord('check-mfa/aws-docs-ct-u2f'))),
      outcome: 'Failure',
    });

    expect(failed.content.nextSteps[0]).toMatch(
      /^if it was not the user fumbling a code, change the password now/,
    );
    expect(failed.content.description).toContain(
      '_What it means: the password was correct and the second factor was not.',
    );
    expect(failed.content.description).not.toContain('What to do');
  });

  it('shows values of the record as code spans, escaped for chat markdown', () => {
    const card = cardOf(aSignIn({ userName: 'eve`*<!here>*', mfaUsed: true, sourceIp: undefined }));

    expect(card.content.description).toContain("*User:* `eve'*&lt;!here&gt;*` (`IAMUser`)");
    expect(card.content.description).toContain('*Source IP:* _(not in the record)_');
    expect(card.content.title).toContain("eve'*&lt;!here&gt;*");
  });

  it('closes every code span, also of a value the headline cuts short', () => {
    const card = cardOf(aSignIn({ identityType: 'Custom'.repeat(20), mfaUsed: true }));
    const headline = card.content.description.split('\n')[0] ?? '';

    expect(headline).toMatch(/^A user of type `(Custom)+Cust` signed in/);
  });

  it('falls back to a constant eventType that custom actions can match when the name is not one', () => {
    expect(cardOf(aSignIn({ eventName: 'Console Login' })).metadata.eventType).toBe('SignIn');
  });

  it('has no link step when the record has no usable event ID', () => {
    expect(cardOf(aSignIn({ eventId: undefined, mfaUsed: true })).content.nextSteps).toEqual([]);
  });
});

describe('contextOf', () => {
  it('flattens the document into strings: camelCase keys, lists joined, nulls left out', () => {
    expect(
      contextOf({
        event: 'CheckMfa',
        user: { name: 'kenji', arn: null },
        mfa: { used: true },
        credentialTypes: ['PASSWORD', 'TOTP'],
        accountName: null,
        mobile: false,
      }),
    ).toEqual({
      event: 'CheckMfa',
      userName: 'kenji',
      mfaUsed: 'true',
      credentialTypes: 'PASSWORD,TOTP',
      mobile: 'false',
    });
  });
});
