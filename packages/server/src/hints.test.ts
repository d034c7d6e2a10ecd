// The operator key line: a generated key's secret is shown once, a configured key's never.

import { expect, it } from 'vitest';
import { operatorKeyLine } from './hints.ts';

const credentials = { principalArn: 'arn:aws:iam::999999999999:root', accessKeyId: 'AKIACONFIGUREDROOT01', secretAccessKey: 'configured-root-secret-000000000000' };

it('prints a generated key as an export line, a configured key by its id only, and where to find a key otherwise', () => {
  expect(operatorKeyLine({ credentials, credentialsSource: 'generated' })).toBe(`operator key (shown once): export IAM_KEY='AKIACONFIGUREDROOT01:configured-root-secret-000000000000'`);
  const configured = operatorKeyLine({ credentials, credentialsSource: 'config' });
  expect(configured).toContain('AKIACONFIGUREDROOT01');
  expect(configured).not.toContain(credentials.secretAccessKey);
  expect(operatorKeyLine({ restored: false })).toMatch(/^operator key: not shown again \(the first start printed the key it made; a restored store keeps its snapshot's keys\); set IAM_KEY=/);
  expect(operatorKeyLine({ restored: true })).toMatch(/^operator key: one of the restored snapshot's access keys; set IAM_KEY=/);
});
