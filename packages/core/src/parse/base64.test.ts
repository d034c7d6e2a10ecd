import { describe, expect, it } from 'vitest';
import { isValidBase64 } from './base64.ts';

describe('isValidBase64', () => {
  it.each(['QmluYXJ5VmFsdWVJbkJhc2U2NA==', 'QUJD', 'QUI=', 'QQ==', 'a+b/', Buffer.from('any bytes \u00ff').toString('base64')])(
    'accepts %s',
    (text) => {
      expect(isValidBase64(text)).toBe(true);
    },
  );

  it.each(['', 'QUJ', 'Q===', 'QU=I', 'QUJD=', 'a-b_', 'QUJD QUJD', 'QQ', '====', 'not base64!'])('rejects %j', (text) => {
    expect(isValidBase64(text)).toBe(false);
  });
});
