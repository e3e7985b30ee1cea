import { describe, expect, it } from 'vitest';
import { consoleLink } from '../../../src/render/console-link.js';
import { aSignIn } from '../../support/sign-in.js';

describe('consoleLink', () => {
  it.each([
    [{ region: 'eu-west-2r' }, undefined],
    [{ region: 'global' }, undefined],
    [{ eventId: undefined }, undefined],
    [
      { eventId: 'a b#c' },
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/a%20b%23c',
    ],
    [
      { region: 'ap-southeast-3' },
      'https://ap-southeast-3.console.aws.amazon.com/cloudtrailv2/home?region=ap-southeast-3#/events/e-1',
    ],
  ] as const)('%j → %s', (overrides, link) => {
    expect(consoleLink(aSignIn(overrides))).toBe(link);
  });
});
