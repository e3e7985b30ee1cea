import { describe, expect, it } from 'vitest';
import { matchesAny, parseUserPatterns } from '../../../src/decide/user-pattern.js';

describe('parseUserPatterns', () => {
  it('splits on commas and trims', () => {
    expect(parseUserPatterns(' alice , bob* ').map((pattern) => pattern.source)).toEqual(['alice', 'bob*']);
  });

  it.each([
    ['alice,,bob', /pattern 2 is empty/],
    ['alice,', /pattern 2 is empty/],
    [',', /pattern 1 is empty/],
    ['ali ce', /"ali ce" has a character/],
    ['bob?', /only \* is a wildcard/],
    ['a[b]', /has a character/],
    ['ünïcode', /has a character/],
  ])('rejects %j', (list, message) => {
    expect(() => parseUserPatterns(list)).toThrow(message);
  });
});

describe('matchesAny', () => {
  const matches = (list: string, ...candidates: (string | undefined)[]) =>
    matchesAny(parseUserPatterns(list), candidates);

  it('matches exact names case-insensitively', () => {
    expect(matches('Alice', 'alice')).toBe(true);
    expect(matches('alice', 'alice2')).toBe(false);
    expect(matches('alice', 'malice')).toBe(false);
  });

  it('treats * as any run of characters, anywhere', () => {
    expect(matches('ci-*', 'ci-deploy')).toBe(true);
    expect(matches('*@example.com', 'kenji@example.com')).toBe(true);
    expect(matches('*@example.com', 'kenji@example.com.evil')).toBe(false);
    expect(matches('a*b*c', 'aXXbYYc')).toBe(true);
    expect(matches('*', 'anyone')).toBe(true);
  });

  it('takes regex characters literally', () => {
    expect(matches('a.b', 'a.b')).toBe(true);
    expect(matches('a.b', 'axb')).toBe(false);
    expect(matches('a+b', 'aab')).toBe(false);
  });

  it('matches the full ARN, which tells root from an IAM user named root', () => {
    expect(matches('arn:aws:iam::*:root', 'root', 'arn:aws:iam::111122223333:root')).toBe(true);
    expect(matches('arn:aws:iam::*:root', 'root', 'arn:aws:iam::111122223333:user/root')).toBe(false);
    expect(
      matches(
        'arn:aws:sts::*:assumed-role/AWSReservedSSO_*',
        'x',
        'arn:aws:sts::1:assumed-role/AWSReservedSSO_a/x',
      ),
    ).toBe(true);
  });

  it('ignores missing candidates', () => {
    expect(matches('alice', undefined)).toBe(false);
  });
});
