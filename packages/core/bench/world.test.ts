// The synthetic world generator: deterministic, of the promised sizes, and valid policy by policy.

import { describe, expect, it } from 'vitest';
import { createEngine, hasErrors, validatePolicy } from '../src/index.ts';
import { countWorld, generateRequests, generateWorld, WORLD_TARGETS, type WorldSize } from './world.ts';
import { worldDocuments } from './world-stats.ts';

const TOLERANCE = 0.1;
/** Least share of each outcome in a request stream, so benchmark figures are not all-allow or all-deny. */
const MIN_SHARE = { Allow: 0.25, ExplicitDeny: 0.05, ImplicitDeny: 0.2 };

describe('generateWorld', () => {
  it('gives identical JSON for the same seed and different JSON for another seed', () => {
    for (const size of ['small', 'medium'] as const) {
      const a = JSON.stringify(generateWorld(size, 7));
      expect(JSON.stringify(generateWorld(size, 7))).toBe(a);
      expect(JSON.stringify(generateWorld(size, 8))).not.toBe(a);
    }
  });

  it.each(['small', 'medium', 'large'] as WorldSize[])('builds a %s world within 10% of its targets', (size) => {
    const counts = countWorld(generateWorld(size));
    const target = WORLD_TARGETS[size];
    for (const key of ['principals', 'policies', 'statements'] as const) {
      expect(Math.abs(counts[key] - target[key]) / target[key], `${key}: ${counts[key]} vs ${target[key]}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it('uses every layer and feature the benchmark claims to exercise', () => {
    const world = generateWorld('small');
    const text = JSON.stringify(world);
    for (const needle of ['s3:Get*', 'orders:*', 'ec2:Describe*', '${aws:PrincipalTag/team}', 'IpAddress', 'aws:MultiFactorAuthPresent', 'NumericLessThan', 'DateLessThan', '"Deny"', 'NotAction', 'NotResource', 'ForAllValues:StringEquals']) {
      expect(text, needle).toContain(needle);
    }
    expect(world.organization?.units?.length).toBeGreaterThanOrEqual(3);
    expect(world.users!.every((u) => u.groups!.length >= 1 && u.groups!.length <= 3)).toBe(true);
    expect(world.roles!.some((r) => r.permissionsBoundary)).toBe(true);
    expect(world.resources!.some((r) => r.policy)).toBe(true);
  });

  it('writes only policies that validate without an ERROR finding', () => {
    for (const size of ['small', 'medium'] as const) {
      const failures = worldDocuments(generateWorld(size))
        .map((d) => ({ id: d.id, findings: validatePolicy(d.document, d.type) }))
        .filter((r) => hasErrors(r.findings));
      expect(failures.slice(0, 3)).toEqual([]);
    }
  });
});

describe('generateRequests', () => {
  it('is deterministic and draws actions, resources and context for every request', () => {
    const world = generateWorld('small');
    const a = generateRequests(world, 500, 3);
    expect(JSON.stringify(generateRequests(world, 500, 3))).toBe(JSON.stringify(a));
    expect(a).toHaveLength(500);
    expect(a.every((r) => /^[a-z0-9-]+:[A-Za-z]+$/.test(r.action) && r.resource.startsWith('arn:aws:'))).toBe(true);
    expect(a.filter((r) => r.principal.session).length).toBeGreaterThan(0);
    expect(a.filter((r) => r.context?.['orders:Amount'] !== undefined).length).toBeGreaterThan(0);
  });

  it('yields a real mix of allows, explicit denies and implicit denies', async () => {
    const world = generateWorld('small');
    const engine = await createEngine(world);
    const requests = generateRequests(world, 2000, 5);
    const decisions = engine.authorizeBatch(requests).map((d) => d.decision);
    for (const [decision, share] of Object.entries(MIN_SHARE)) {
      const count = decisions.filter((d) => d === decision).length;
      expect(count / decisions.length, `${decision}: ${count} of ${decisions.length}`).toBeGreaterThanOrEqual(share);
    }
  });
});
