// SCP/RCP routes: each request resolves the policy it names once (its resource and its handler share the row).

import { expect, it, vi } from 'vitest';
import { enc } from '../../test/client.ts';
import { expectWrite } from '../../test/fixtures.ts';
import { describeDrivers, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

const RCP = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };

describeDrivers('scps', (driver) => {
  let t: TestAdmin;
  useTestAdmin(driver.name, (admin) => {
    t = admin;
  });

  it('reads the named policy once per request, by ARN or by id, and answers as before', async () => {
    const created = await t.api.post('/v1/scps', { name: 'ReadOnce', kind: 'rcp', document: RCP });
    expectWrite(created, 201);
    const { arn, policyId } = created.body.policy;
    const reads = vi.spyOn(t.admin.store, 'getPolicy');
    /** Status of one request and how many times it read a policy. */
    const call = async (res: Promise<{ status: number }>) => {
      reads.mockClear();
      return [(await res).status, reads.mock.calls.length];
    };
    try {
      const root = t.rootId;
      // by ARN one lookup; by id of an RCP two (the SCP ARN of that id is tried first), and never again in the handler
      expect(await call(t.api.get(`/v1/scps/${enc(arn)}`))).toEqual([200, 1]);
      expect(await call(t.api.get(`/v1/scps/${policyId}`))).toEqual([200, 2]);
      expect(await call(t.api.patch(`/v1/scps/${policyId}`, { description: 'read once' }))).toEqual([200, 2]);
      expect(await call(t.api.put(`/v1/scps/${policyId}/targets/${root}`))).toEqual([200, 2]);
      expect(await call(t.api.get(`/v1/scps/${policyId}/targets`))).toEqual([200, 2]);
      expect(await call(t.api.delete(`/v1/scps/${policyId}/targets/${root}`))).toEqual([200, 2]);
      expect(await call(t.api.delete(`/v1/scps/${policyId}`))).toEqual([200, 2]);
      expect(await call(t.api.get(`/v1/scps/${policyId}`))).toEqual([404, 2]);
    } finally {
      reads.mockRestore();
    }
  });
});
