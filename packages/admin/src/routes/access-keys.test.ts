import { afterAll, beforeAll, expect, it } from 'vitest';
import { enc } from '../../test/client.ts';
import { allow, expectError, expectWrite, userClient } from '../../test/fixtures.ts';
import { describeDrivers, startTestAdmin, type TestAdmin } from '../../test/harness.ts';

describeDrivers('access keys', (driver) => {
  let t: TestAdmin;
  let u: string;
  beforeAll(async () => {
    t = await startTestAdmin(driver.name);
    u = `/v1/accounts/${t.managementAccountId}/users/keyholder`;
    expectWrite(await t.api.post(`/v1/accounts/${t.managementAccountId}/users`, { userName: 'keyholder' }), 201);
  });
  afterAll(async () => {
    try {
      await t?.checkOpenApi();
    } finally {
      await t?.close();
    }
  });

  it('creates at most two keys, shows the secret once, deactivates, records last use and deletes', async () => {
    const k1 = await t.api.post(`${u}/access-keys`);
    expectWrite(k1, 201);
    expect(k1.body.accessKey.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(k1.body.accessKey.secretAccessKey).toHaveLength(40);
    expectWrite(await t.api.post(`${u}/access-keys`), 201);
    const before = await t.admin.store.currentRevision();
    expectError(await t.api.post(`${u}/access-keys`), 409, 'limit_exceeded');
    expect(await t.admin.store.currentRevision()).toBe(before);

    const list = await t.api.get(`${u}/access-keys`);
    expect(list.body.items).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(k1.body.accessKey.secretAccessKey);

    const id: string = k1.body.accessKey.accessKeyId;
    const asUser = t.api.as({ accessKeyId: id, secret: k1.body.accessKey.secretAccessKey });
    expect((await t.api.get(`/v1/access-keys/${id}/last-used`)).body.lastUsed).toEqual({});
    // The user has no permissions, but authentication still counts as use.
    expectError(await asUser.get('/v1/organization'), 403, 'access_denied');
    const used = await t.api.get(`/v1/access-keys/${id}/last-used`);
    expect(used.body).toMatchObject({ accessKeyId: id, userName: 'keyholder', lastUsed: { service: 'iam' } });
    expect(Date.parse(used.body.lastUsed.at)).toBeGreaterThan(Date.now() - 60_000);

    const off = await t.api.patch(`${u}/access-keys/${id}`, { status: 'Inactive' });
    expectWrite(off);
    expect(off.body.accessKey.status).toBe('Inactive');
    expectError(await asUser.get('/v1/organization'), 401, 'unauthenticated');
    expectWrite(await t.api.patch(`${u}/access-keys/${id}`, { status: 'Active' }));
    expectError(await asUser.get('/v1/organization'), 403, 'access_denied');

    expectWrite(await t.api.delete(`${u}/access-keys/${id}`));
    expectError(await asUser.get('/v1/organization'), 401, 'unauthenticated');
    expectError(await t.api.delete(`${u}/access-keys/${id}`), 404, 'no_such_entity');
    expect((await t.api.get(`${u}/access-keys`)).body.items).toHaveLength(1);
  });

  it('rotates the root key: only the root itself, at most two, and never through a user called root', async () => {
    const acct = t.managementAccountId;
    const root = `/v1/accounts/${acct}/root/access-keys`;
    const bootKey = t.api.key!.accessKeyId;
    expect((await t.api.get(root)).body.items.map((k: { accessKeyId: string; root?: boolean }) => [k.accessKeyId, k.root])).toEqual([[bootKey, true]]);
    const fresh = await t.api.post(root);
    expectWrite(fresh, 201);
    expect(fresh.body.accessKey).toMatchObject({ userArn: `arn:aws:iam::${acct}:root`, root: true });
    expectError(await t.api.post(root), 409, 'limit_exceeded');

    // an IAM user allowed everything still may not touch root keys, and the attempt is audited
    const admin = await userClient(t.api, acct, 'root', [allow('*')]);
    const denied = expectError(await admin.post(root), 403, 'access_denied');
    expect(denied.message).toBe(`only the root of account \`${acct}\` may manage its root access keys`);
    const audit = await t.api.get(`/v1/audit?outcome=failure&action=iam:CreateAccessKey&caller=${enc(`arn:aws:iam::${acct}:user/root`)}`);
    expect(audit.body.items).toMatchObject([{ errorCode: 'access_denied', target: `arn:aws:iam::${acct}:root` }]);
    // the user called `root` does not reach the root's keys through the user routes either
    expectError(await admin.patch(`/v1/accounts/${acct}/users/root/access-keys/${bootKey}`, { status: 'Inactive' }), 404, 'no_such_entity');
    expectError(await admin.get(root), 403, 'access_denied');

    // switch to the new key, deactivate and delete the old one
    const next = t.api.as({ accessKeyId: fresh.body.accessKey.accessKeyId, secret: fresh.body.accessKey.secretAccessKey });
    expectWrite(await next.patch(`${root}/${bootKey}`, { status: 'Inactive' }));
    expectError(await t.api.get(root), 401, 'unauthenticated');
    expectError(await next.delete(`${root}/${fresh.body.accessKey.accessKeyId}x`), 400, 'invalid_input');
    expectError(await next.delete(`${root}/AKIANOSUCHKEY0000000`), 404, 'no_such_entity');
    expectWrite(await next.delete(`${root}/${bootKey}`));
    expect((await next.get(root)).body.items.map((k: { accessKeyId: string }) => k.accessKeyId)).toEqual([fresh.body.accessKey.accessKeyId]);
    t.api = next;
  });

  it('refuses a key id that belongs to another user, writing nothing but one failure audit entry per attempt', async () => {
    const other = `/v1/accounts/${t.managementAccountId}/users/other`;
    expectWrite(await t.api.post(`/v1/accounts/${t.managementAccountId}/users`, { userName: 'other' }), 201);
    const k = await t.api.post(`${other}/access-keys`);
    const id: string = k.body.accessKey.accessKeyId;
    const before = await t.admin.store.currentRevision();
    const patched = expectError(await t.api.patch(`${u}/access-keys/${id}`, { status: 'Inactive' }), 404, 'no_such_entity');
    expect(patched.message).toBe(`access key \`${id}\` of user \`keyholder\` does not exist`);
    expectError(await t.api.delete(`${u}/access-keys/${id}`), 404, 'no_such_entity');
    expect(await t.admin.store.currentRevision()).toBe(before);
    expect(await t.admin.store.getAccessKey(id)).toMatchObject({ userName: 'other', status: 'Active' });
    expect((await t.api.get(`${other}/access-keys`)).body.items.map((x: { accessKeyId: string }) => x.accessKeyId)).toEqual([id]);
    for (const action of ['iam:UpdateAccessKey', 'iam:DeleteAccessKey']) {
      const audit = await t.api.get(`/v1/audit?outcome=failure&action=${action}`);
      expect(audit.body.items.filter((e: { parameters?: { accessKeyId?: string } }) => e.parameters?.accessKeyId === id)).toMatchObject([{ errorCode: 'no_such_entity' }]);
    }
  });

  it('checks the owner in the transaction of the write: a key given to another owner right after the check is not changed', async () => {
    const store = t.admin.store;
    const acct = t.managementAccountId;
    expectWrite(await t.api.post(`/v1/accounts/${acct}/users`, { userName: 'swapped' }), 201);
    const swappedUrl = `/v1/accounts/${acct}/users/swapped/access-keys`;
    const elsewhere = (await store.createAccount({ name: 'swap-target' })).value.id;
    const { getAccessKey, batch } = store;
    /** Right after the route reads `id`, a concurrent writer moves it to the root of `elsewhere` (same id). */
    const raceOn = (id: string) => {
      let swap: Promise<unknown> | undefined;
      const swapOnce = () => (swap ??= (async () => {
        await store.deleteAccessKey(id).catch(() => undefined); // gone already when the route deleted it first
        await store.createRootAccessKey(elsewhere, { accessKeyId: id, secretAccessKey: 'S'.repeat(40) });
      })());
      // outside a transaction the writer gets in before the route's write; inside one it has to wait for the commit
      const afterRead = (get: typeof getAccessKey, inTx: boolean) => async (keyId: string) => {
        const key = await get(keyId);
        if (keyId === id) {
          const s = swapOnce();
          if (!inTx) await s;
        }
        return key;
      };
      store.getAccessKey = afterRead(getAccessKey, false);
      store.batch = (fn, opts) => batch((tx) => fn({ ...tx, getAccessKey: afterRead(tx.getAccessKey, true) }), opts);
      return () => swap;
    };
    for (const [method, body] of [['patch', { status: 'Inactive' }], ['delete', undefined]] as const) {
      const id: string = (await t.api.post(swappedUrl)).body.accessKey.accessKeyId;
      const swapped = raceOn(id);
      try {
        const res = method === 'patch' ? await t.api.patch(`${swappedUrl}/${id}`, body) : await t.api.delete(`${swappedUrl}/${id}`);
        expectWrite(res);
        if (method === 'patch') expect(res.body.accessKey).toEqual(expect.objectContaining({ accessKeyId: id, userName: 'swapped', status: 'Inactive' }));
        await swapped();
      } finally {
        Object.assign(store, { getAccessKey, batch });
      }
      expect(swapped(), 'the race was run').toBeDefined();
      // the root key that took the id afterwards is untouched
      expect(await store.getAccessKey(id)).toMatchObject({ accountId: elsewhere, root: true, status: 'Active' });
    }
  });
});
