import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { allow, expectError, expectWrite, userClient } from '../../test/fixtures.ts';
import { describeDrivers, startTestAdmin, useTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('audit, snapshot, health, OpenAPI and metrics', (driver) => {
  let t: TestAdmin;
  useTestAdmin(driver.name, (admin) => (t = admin));

  it('audits writes with caller, action, target, source IP, outcome and masked secrets, queryable with filters and a cursor', async () => {
    const acct = `/v1/accounts/${t.managementAccountId}`;
    for (const n of ['a1', 'a2', 'a3']) expectWrite(await t.api.post(`${acct}/users`, { userName: n }), 201);
    expectError(await t.api.post(`${acct}/users`, { userName: 'a1' }), 409, 'entity_already_exists');
    const key = await t.api.post(`${acct}/users/a1/access-keys`);
    expectWrite(key, 201);

    const caller = t.admin.bootstrap.credentials!.principalArn;
    const page1 = await t.api.get(`/v1/audit?action=iam:CreateUser&caller=${enc(caller)}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.api.get(`/v1/audit?action=iam:CreateUser&caller=${enc(caller)}&limit=2&cursor=${enc(page1.body.nextCursor)}`);
    const events = [...page1.body.items, ...page2.body.items];
    expect(events.map((e: { outcome: string }) => e.outcome)).toEqual(['failure', 'success', 'success', 'success']);
    expect(events[0]).toMatchObject({ errorCode: 'entity_already_exists', target: `arn:aws:iam::${t.managementAccountId}:user/a1` });
    expect(events[1]).toMatchObject({ caller, action: 'iam:CreateUser', target: `arn:aws:iam::${t.managementAccountId}:user/a3`, parameters: { userName: 'a3' } });
    expect(events[1].sourceIp).toMatch(/127\.0\.0\.1/);
    expect(Number.isInteger(events[1].revision)).toBe(true);

    const failures = await t.api.get('/v1/audit?outcome=failure&action=iam:CreateUser');
    expect(failures.body.items).toHaveLength(1);
    const all = JSON.stringify((await t.api.get('/v1/audit?limit=1000')).body);
    expect(all).not.toContain(key.body.accessKey.secretAccessKey);
    expect(all).not.toContain(t.admin.bootstrap.credentials!.secretAccessKey);
  });

  it('exports a snapshot holding what was written', async () => {
    const acct = `/v1/accounts/${t.managementAccountId}`;
    const p = await t.api.post(`${acct}/policies`, { policyName: 'Snap', document: allow('s3:*') });
    const snap = await t.api.get('/v1/snapshot');
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({ format: 'iam-world-snapshot', version: 1 });
    expect(snap.body.revision).toBe(await t.admin.store.currentRevision());
    expect(snap.body.policies.map((x: { arn: string }) => x.arn)).toContain(p.body.policy.arn);
    // A live store is never empty: import over REST is refused (restore replaces instead, see below).
    expectError(await t.api.post('/v1/snapshot', snap.body), 409, 'entity_already_exists');
  });

  it('restores a backup into a fresh store on first start, keeping ids and access keys', async () => {
    const backup = (await t.api.get('/v1/snapshot')).body;
    const file = join(mkdtempSync(join(tmpdir(), 'iam-backup-')), 'backup.json');
    writeFileSync(file, JSON.stringify(backup));
    const restored = await startTestAdmin(driver.name, {
      env: { IAM_ADMIN_IMPORT_FILE: file, IAM_STORE_ENCRYPTION_KEY: t.config.store.encryptionKey! },
      key: t.api.key,
    });
    try {
      expect(restored.admin.bootstrap).toMatchObject({ created: false, restored: true, managementAccountId: t.managementAccountId });
      expect(restored.admin.bootstrap.credentials).toBeUndefined();
      const users = await restored.api.get(`/v1/accounts/${t.managementAccountId}/users?limit=1000`);
      expect(users.status).toBe(200);
      const original = await t.api.get(`/v1/accounts/${t.managementAccountId}/users?limit=1000`);
      expect(users.body.items).toEqual(original.body.items);
      expect((await restored.api.get('/v1/organization')).body.organization.id).toBe((await t.api.get('/v1/organization')).body.organization.id);
    } finally {
      await restored.close();
    }
  });

  it('restores a backup over the running store in one transaction, and the engine follows the restored world', async () => {
    const acct = `/v1/accounts/${t.managementAccountId}`;
    const reader = await userClient(t.api, t.managementAccountId, 'restore-reader', [allow('iam:ListUsers')]);
    const backup = (await t.api.get('/v1/snapshot')).body;
    // after the backup: a new user, and the reader loses its permission
    expectWrite(await t.api.post(`${acct}/users`, { userName: 'ghost' }), 201);
    expectWrite(await t.api.delete(`${acct}/users/restore-reader/inline-policies/p0`));
    expectError(await reader.get(`${acct}/users`), 403, 'access_denied');

    // refused without iam:RestoreSnapshot, and for an invalid snapshot: nothing changes
    const before = await t.admin.store.currentRevision();
    expectError(await reader.post('/v1/snapshot/restore', backup), 403, 'access_denied');
    const broken = structuredClone(backup);
    broken.users[0].groups = [`arn:aws:iam::${t.managementAccountId}:group/missing`];
    expectError(await t.api.post('/v1/snapshot/restore', broken), 400, 'invalid_input');
    expect(await t.admin.store.currentRevision()).toBe(before);
    expect((await t.api.get(`${acct}/users/ghost`)).status).toBe(200);

    const restored = await t.api.post('/v1/snapshot/restore', backup);
    expect(expectWrite(restored)).toBe(before + 1);
    expectError(await t.api.get(`${acct}/users/ghost`), 404, 'no_such_entity');
    // the engine reloaded the restored world: the reader's permission is back, at the restore's revision
    expect((await reader.get(`${acct}/users`)).status).toBe(200);
    const health = (await t.api.get('/v1/health')).body;
    expect(health).toMatchObject({ storeRevision: before + 1, engineRevision: before + 1 });

    const audit = (await t.api.get('/v1/audit?action=iam:RestoreSnapshot')).body.items;
    expect(audit.map((e: { outcome: string; errorCode?: string }) => [e.outcome, e.errorCode])).toEqual([['success', undefined], ['failure', 'invalid_input'], ['failure', 'access_denied']]);
    expect(audit[0]).toMatchObject({ revision: before + 1, parameters: { format: 'iam-world-snapshot', counts: { users: backup.users.length } } });
    expect(JSON.stringify(audit)).not.toContain('"document"');
  });

  it('serves health, the OpenAPI document and Prometheus metrics without ids in labels', async () => {
    const health = await t.api.get('/v1/health', { anonymous: true });
    expect(health.body.status).toBe('ok');
    expect(health.body.engineRevision).toBeLessThanOrEqual(health.body.storeRevision);
    const doc = await t.api.get('/v1/openapi.json', { anonymous: true });
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/accounts/{accountId}/users/{userName}');

    await t.api.get(`/v1/accounts/${t.managementAccountId}/users/a2`);
    const metrics = await (await fetch(`${t.admin.url}/metrics`)).text();
    expect(metrics).toMatch(/iam_admin_requests_total\{method="GET",route="\/v1\/accounts\/\{accountId\}\/users\/\{userName\}",status="200"\} \d+/);
    expect(metrics).toMatch(/iam_admin_request_duration_seconds_bucket\{/);
    expect(metrics).not.toContain(t.managementAccountId);
    expect(metrics).toMatch(/iam_admin_engine_revision \d+/);
  });

  it('answers unknown routes with the envelope', async () => {
    // Plain fetch: this route is deliberately not in the document the recorded answers are checked against.
    const res = await fetch(`${t.admin.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('no_such_entity');
  });
});
