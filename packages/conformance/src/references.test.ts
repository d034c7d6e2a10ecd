// Tests the reference check: expected reasons must name real statements with the right effect and layer.

import { describe, expect, it } from 'vitest';
import { referenceProblems } from './references.ts';
import type { CaseFile, ExpectedReason } from './types.ts';

const BOUNDARY = 'arn:aws:iam::111122223333:policy/Boundary';
const SCP = 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess';
const USER = 'arn:aws:iam::111122223333:user/alice';

/** A one-case file whose case expects `reasons`, in a world with a user, a role, a bucket and an SCP. */
function fileExpecting(reasons: ExpectedReason[], session = false): CaseFile {
  const allow = { Effect: 'Allow', Action: '*', Resource: '*' };
  return {
    description: 'd',
    source: 'https://x',
    world: {
      format: 'iam-world-snapshot',
      version: 1,
      policies: [
        { arn: BOUNDARY, document: { Version: '2012-10-17', Statement: allow } },
        { arn: SCP, kind: 'scp', document: { Version: '2012-10-17', Statement: [allow] } },
      ],
      users: [{ arn: USER, permissionsBoundary: BOUNDARY, inlinePolicies: [{ name: 'P', document: JSON.stringify({ Statement: [allow, { ...allow, Effect: 'Deny' }] }) }] }],
      roles: [{ arn: 'arn:aws:iam::111122223333:role/R', trustPolicy: { Statement: [allow] } }],
      resources: [{ arn: 'arn:aws:s3:::b', policy: { Statement: [allow] } }],
    },
    cases: [
      {
        name: 'c',
        request: session
          ? { principal: { session: { roleArn: 'arn:aws:iam::111122223333:role/R', sessionName: 's', policies: [{ Statement: [allow] }] } }, action: 'a:b', resource: '*' }
          : { principal: { arn: USER }, action: 'a:b', resource: '*' },
        expect: { decision: 'Allow', reasons },
      },
    ],
  };
}

describe('referenceProblems', () => {
  it('accepts reasons that name real statements in their layers', () => {
    const reasons: ExpectedReason[] = [
      { policyId: `${USER}#inline/P`, statementIndex: 1, effect: 'Deny', layer: 'identity' },
      { policyId: BOUNDARY, statementIndex: 0, effect: 'Allow', layer: 'boundary' },
      { policyId: BOUNDARY, statementIndex: 0, effect: 'Allow', layer: 'identity' },
      { policyId: SCP, statementIndex: 0, effect: 'Allow', layer: 'scp' },
      { policyId: 'arn:aws:s3:::b#resource', statementIndex: 0, effect: 'Allow', layer: 'resource' },
      { policyId: 'arn:aws:iam::111122223333:role/R#trust', statementIndex: 0, effect: 'Allow', layer: 'trust' },
    ];
    expect(referenceProblems(fileExpecting(reasons))).toEqual([]);
    expect(referenceProblems(fileExpecting([{ policyId: 'session#0', statementIndex: 0, effect: 'Allow', layer: 'session' }], true))).toEqual([]);
  });

  it('reports unknown policies, statements out of range, wrong effects and wrong layers', () => {
    const problems = referenceProblems(
      fileExpecting([
        { policyId: 'arn:aws:iam::111122223333:policy/Nope', statementIndex: 0, effect: 'Allow', layer: 'identity' },
        { policyId: `${USER}#inline/P`, statementIndex: 2, effect: 'Allow', layer: 'identity' },
        { policyId: `${USER}#inline/P`, statementIndex: 0, effect: 'Deny', layer: 'identity' },
        { policyId: SCP, statementIndex: 0, effect: 'Allow', layer: 'identity' },
        { policyId: 'session#0', statementIndex: 0, effect: 'Allow', layer: 'session' },
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/`arn:aws:iam::111122223333:policy\/Nope`, which the world does not hold/);
    expect(problems[1]).toMatch(/statement 2 of .* does not exist/);
    expect(problems[2]).toMatch(/is Deny, it is Allow/);
    expect(problems[3]).toMatch(/in layer identity, it can only act in scp/);
    expect(problems[4]).toMatch(/`session#0`, which the world does not hold/);
  });
});
