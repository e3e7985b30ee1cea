/**
 * The link to a sign-in's event in the CloudTrail console: only for an event ID and region that
 * make a well-formed URL, on the console of the region's partition.
 */
import { describe, expect, it } from 'vitest';
import { consoleLink } from '../../../src/render/console-link.js';
import { aSignIn } from '../../support/sign-in.js';

const ID = '3fcfb182-98f8-4744-bd45-10a395ab61cb';

describe('consoleLink', () => {
  it.each([
    [{ region: 'eu-west-2r' }, undefined],
    [{ region: 'global' }, undefined],
    [{ eventId: undefined }, undefined],
    // Not an ID CloudTrail writes: no link rather than one that names another event, or throws.
    [{ eventId: 'a b#c' }, undefined],
    [{ eventId: 'x'.repeat(129) }, undefined],
    [{ eventId: 'e-\ud800' }, undefined],
    [
      { region: 'ap-southeast-3', eventId: ID },
      `https://ap-southeast-3.console.aws.amazon.com/cloudtrailv2/home?region=ap-southeast-3#/events/${ID}`,
    ],
    [
      { eventId: 'e-1' },
      'https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/e-1',
    ],
    [
      { region: 'cn-north-1', eventId: ID },
      `https://console.amazonaws.cn/cloudtrailv2/home?region=cn-north-1#/events/${ID}`,
    ],
    [
      { region: 'us-gov-west-1', eventId: ID },
      `https://console.amazonaws-us-gov.com/cloudtrailv2/home?region=us-gov-west-1#/events/${ID}`,
    ],
    // The isolated partitions have no public console.
    [{ region: 'us-iso-east-1', eventId: ID }, undefined],
    [{ region: 'us-isob-east-1', eventId: ID }, undefined],
  ] as const)('%j → %s', (overrides, link) => {
    expect(consoleLink(aSignIn(overrides))).toBe(link);
  });
});
