// A small world and PDP settings shared by this package's tests (and usable by others' tests).

import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type WorldSnapshot } from './core.ts';
import { defaultConfig, type PdpConfig } from './config.ts';

/** The account every test principal lives in. */
export const TEST_ACCOUNT = '111122223333';
/** A user allowed to read orders, denied deletes, allowed updates from the `web` channel only. */
export const ALICE = `arn:aws:iam::${TEST_ACCOUNT}:user/alice`;
/** A user without policies. */
export const BOB = `arn:aws:iam::${TEST_ACCOUNT}:user/bob`;
/** Alice's inline policy id, as reasons name it. */
export const ALICE_POLICY = `${ALICE}#inline/orders`;
/** An order ARN in the test account. */
export const ORDER = `arn:aws:orders:eu-west-1:${TEST_ACCOUNT}:order/42`;

/** The test world at revision 1. */
export const TEST_WORLD: WorldSnapshot = {
  format: SNAPSHOT_FORMAT,
  version: SNAPSHOT_VERSION,
  revision: 1,
  accounts: [{ id: TEST_ACCOUNT, name: 'test' }],
  users: [
    {
      arn: ALICE,
      tags: { team: 'orders' },
      inlinePolicies: [
        {
          name: 'orders',
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'Read', Effect: 'Allow', Action: ['orders:GetOrder', 'orders:ListOrders'], Resource: `arn:aws:orders:eu-west-1:${TEST_ACCOUNT}:order/*` },
              { Sid: 'NoDelete', Effect: 'Deny', Action: 'orders:DeleteOrder', Resource: '*' },
              { Sid: 'WebUpdates', Effect: 'Allow', Action: 'orders:UpdateOrder', Resource: '*', Condition: { StringEquals: { 'orders:Channel': 'web' } } },
            ],
          },
        },
      ],
    },
    { arn: BOB },
  ],
};

/** PDP settings for tests: loopback, port 0 everywhere, no workers, quiet. */
export function testConfig(overrides: Partial<PdpConfig> = {}): PdpConfig {
  return defaultConfig({ host: '127.0.0.1', grpcPort: 0, httpPort: 0, workers: 0, pollIntervalMs: 200, maxRevisionWaitMs: 500, shutdownGraceMs: 1000, ...overrides });
}
