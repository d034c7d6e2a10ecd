// The encoder's literal hot-path offsets (`Hot`) must equal the layout constants they stand for.

import { describe, expect, it } from 'vitest';
import { PK_FEDERATED, PK_ROLE, PK_ROOT, PK_SERVICE, PK_UNKNOWN, PK_USER, PR_KIND, PR_STATEMENTS, RF_EXPLAIN, RQ_ACTION, RQ_CONTEXT, RQ_DERIVED, RQ_FLAGS, RQ_PACCOUNT, RQ_PARN, RQ_PKIND, RQ_PRINCIPAL, RQ_RESOURCE, RQ_RES_ACCOUNT, RQ_SESSION, RQ_SIZE, RQ_TIME } from '../../assembly/layout.ts';
import { Hot } from './encode.ts';
import { FX_ACCOUNT, FX_DERIVED, FX_KIND, FX_MFA_FALSE, FX_MFA_TRUE, FX_PARN, FX_PTR } from './principals.ts';

describe('Hot', () => {
  it('stands for the record layout, the constants block and the principal block', () => {
    const records = [Hot.PKIND, Hot.PRINCIPAL, Hot.PARN, Hot.PACCOUNT, Hot.ACTION, Hot.RESOURCE, Hot.RES_ACCOUNT, Hot.CONTEXT, Hot.DERIVED, Hot.SESSION, Hot.FLAGS];
    const layout = [RQ_PKIND, RQ_PRINCIPAL, RQ_PARN, RQ_PACCOUNT, RQ_ACTION, RQ_RESOURCE, RQ_RES_ACCOUNT, RQ_CONTEXT, RQ_DERIVED, RQ_SESSION, RQ_FLAGS];
    expect(records).toEqual(layout.map((bytes) => bytes / 4));
    expect([Hot.SIZE, Hot.TIME, Hot.PR_STATEMENTS, Hot.PR_KIND, Hot.PK_ROLE, Hot.RF_EXPLAIN]).toEqual([RQ_SIZE, RQ_TIME, PR_STATEMENTS, PR_KIND, PK_ROLE, RF_EXPLAIN]);
    // users and roles are the kinds up to PK_ROLE
    expect([PK_USER, PK_ROLE, Math.min(PK_ROOT, PK_SERVICE, PK_FEDERATED, PK_UNKNOWN) > PK_ROLE]).toEqual([0, 1, true]);
    expect([Hot.FX_KIND, Hot.FX_PTR, Hot.FX_PARN, Hot.FX_ACCOUNT, Hot.FX_DERIVED, Hot.FX_MFA_FALSE, Hot.FX_MFA_TRUE]).toEqual([FX_KIND, FX_PTR, FX_PARN, FX_ACCOUNT, FX_DERIVED, FX_MFA_FALSE, FX_MFA_TRUE]);
  });
});
