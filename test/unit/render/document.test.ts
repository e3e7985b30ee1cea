import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../../src/render/document.js';
import { aSignIn } from '../../support/sign-in.js';

describe('renderDocument', () => {
  it('gives machines one key per fact, null for what the record lacks', () => {
    const document = renderDocument(
      aSignIn({ mfaUsed: true, mfaDevice: 'arn:aws:iam::1:mfa/a', sourceIp: undefined }),
      'info',
    );

    expect(document).toMatchObject({
      event: 'ConsoleLogin',
      outcome: 'Success',
      severity: 'info',
      user: { name: 'alice', type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice' },
      account: '111122223333',
      region: 'us-east-1',
      sourceIp: null,
      mfa: { used: true, device: 'arn:aws:iam::1:mfa/a' },
      time: '2024-01-01T00:00:00.000Z',
      eventId: 'e-1',
    });
  });
});
