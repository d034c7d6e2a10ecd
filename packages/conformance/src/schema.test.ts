// Tests the case-file schema on small hand-made files, good and bad.

import { describe, expect, it } from 'vitest';
import { validateCaseFile } from './schema.ts';

/** A minimal valid case file, with `over` merged into its one case. */
function file(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    description: 'd',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    world: { format: 'iam-world-snapshot', version: 1, users: [{ arn: 'arn:aws:iam::111122223333:user/alice' }] },
    cases: [
      {
        name: 'c',
        request: { principal: { arn: 'arn:aws:iam::111122223333:user/alice' }, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
        expect: { decision: 'ImplicitDeny', deniedBy: 'identity' },
        ...over,
      },
    ],
  };
}

describe('case-file schema', () => {
  it('accepts a minimal file', () => {
    expect(validateCaseFile(file())).toEqual([]);
  });

  it('rejects an unknown decision, naming where', () => {
    const problems = validateCaseFile(file({ expect: { decision: 'Deny' } }));
    expect(problems.join('\n')).toMatch(/\/cases\/0\/expect\/decision/);
  });

  it('rejects unknown fields in a case and in a request', () => {
    expect(validateCaseFile(file({ expected: {} })).join('\n')).toMatch(/`expected`/);
    const request = { principal: { arn: 'x' }, action: 'a:b', resource: '*', explain: true };
    expect(validateCaseFile(file({ request })).join('\n')).toMatch(/`explain`/);
  });

  it('rejects a principal with two identities, and a denying layer on an Allow', () => {
    const request = { principal: { arn: 'x', service: 'ec2.amazonaws.com' }, action: 'a:b', resource: '*' };
    expect(validateCaseFile(file({ request }))).not.toEqual([]);
    expect(validateCaseFile(file({ expect: { decision: 'Allow', deniedBy: 'scp' } }))).not.toEqual([]);
  });

  it('rejects a world of another format and a file without source', () => {
    const bad = file();
    bad.world = { format: 'other', version: 1 };
    expect(validateCaseFile(bad)).not.toEqual([]);
    const unsourced = file();
    delete unsourced.source;
    expect(validateCaseFile(unsourced).join('\n')).toMatch(/source/);
  });
});
