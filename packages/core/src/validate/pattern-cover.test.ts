import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { listCovers, patternCovers } from './pattern-cover.ts';

/** Independent reference: an IAM wildcard pattern as a regular expression. */
function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

describe('patternCovers', () => {
  it.each([
    ['*', 's3:GetObject'],
    ['s3:*', 's3:GetObject'],
    ['s3:Get*', 's3:GetObject*'],
    ['s3:*Object', 's3:Get*Object'],
    ['s3:Get?bject', 's3:GetObject'],
    ['s3:Get?bject', 's3:Get?bject'],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/home/*'],
    ['a*b*c', 'a-b-x-c'],
    ['*', '${aws:username}'],
  ])('%s covers %s', (wide, narrow) => {
    expect(patternCovers(wide, narrow, false)).toBe(true);
  });

  it.each([
    ['s3:Get?', 's3:Get*'],
    ['s3:GetObject', 's3:Get*'],
    ['s3:Get*', 's3:Put*'],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket'],
    ['a?', 'a'],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/${aws:username}'],
    ['arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/bob'],
  ])('%s does not cover %s', (wide, narrow) => {
    expect(patternCovers(wide, narrow, false)).toBe(false);
  });

  it('ignores case only when asked (actions, not resources)', () => {
    expect(patternCovers('S3:get*', 's3:GetObject', true)).toBe(true);
    expect(patternCovers('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/x', false)).toBe(false);
  });

  it('is sound: whatever the narrow pattern matches, the wide one matches too', () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,6}$/);
    const text = fc.stringMatching(/^[ab]{0,8}$/);
    fc.assert(
      fc.property(pattern, pattern, fc.array(text, { maxLength: 20 }), (wide, narrow, texts) => {
        if (!patternCovers(wide, narrow, false)) return;
        for (const t of texts) if (globMatches(narrow, t)) expect(globMatches(wide, t)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is exact for patterns without wildcards', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?]{0,6}$/), fc.stringMatching(/^[ab]{0,6}$/), (wide, literal) => {
        expect(patternCovers(wide, literal, false)).toBe(globMatches(wide, literal));
      }),
      { numRuns: 500 },
    );
  });
});

describe('listCovers', () => {
  it('needs every narrow pattern covered by some wide one', () => {
    expect(listCovers(['s3:Get*', 's3:List*'], ['s3:GetObject', 's3:ListBucket'], true)).toBe(true);
    expect(listCovers(['s3:Get*'], ['s3:GetObject', 's3:PutObject'], true)).toBe(false);
    expect(listCovers(['*'], [], true)).toBe(true);
  });
});
