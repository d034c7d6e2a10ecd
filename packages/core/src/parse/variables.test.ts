import { describe, expect, it } from 'vitest';
import { hasVariables, parseVariables, variableError } from './variables.ts';

describe('parseVariables', () => {
  it('keeps plain text as one literal', () => {
    expect(parseVariables('arn:aws:s3:::amzn-s3-demo-bucket/*')).toEqual([
      { kind: 'literal', text: 'arn:aws:s3:::amzn-s3-demo-bucket/*', escaped: false },
    ]);
  });

  it('splits a variable out of a resource ARN (reference_policies_variables)', () => {
    expect(parseVariables('arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/dept}/*')).toEqual([
      { kind: 'literal', text: 'arn:aws:s3:::amzn-s3-demo-bucket/', escaped: false },
      { kind: 'variable', key: 'aws:PrincipalTag/dept' },
      { kind: 'literal', text: '/*', escaped: false },
    ]);
  });

  it('reads several variables in a row', () => {
    expect(parseVariables('${aws:PrincipalTag/access-project}-${aws:PrincipalTag/access-application}')).toEqual([
      { kind: 'variable', key: 'aws:PrincipalTag/access-project' },
      { kind: 'literal', text: '-', escaped: false },
      { kind: 'variable', key: 'aws:PrincipalTag/access-application' },
    ]);
  });

  it('reads a default value', () => {
    expect(parseVariables("amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}")).toEqual([
      { kind: 'literal', text: 'amzn-s3-demo-bucket-', escaped: false },
      { kind: 'variable', key: 'aws:PrincipalTag/team', defaultValue: 'company-wide' },
    ]);
  });

  it('trims spaces around the key and the default, keeps spaces inside the default', () => {
    expect(parseVariables("${ aws:username ,  'no one here' }")).toEqual([
      { kind: 'variable', key: 'aws:username', defaultValue: 'no one here' },
    ]);
  });

  it("reads '' inside a default as one quote, and an empty default", () => {
    expect(parseVariables("${a:b, 'it''s'}${a:c, ''}")).toEqual([
      { kind: 'variable', key: 'a:b', defaultValue: "it's" },
      { kind: 'variable', key: 'a:c', defaultValue: '' },
    ]);
  });

  it('turns ${*} ${?} ${$} into escaped literals', () => {
    expect(parseVariables('a${*}b${?}c${$}')).toEqual([
      { kind: 'literal', text: 'a', escaped: false },
      { kind: 'literal', text: '*', escaped: true },
      { kind: 'literal', text: 'b', escaped: false },
      { kind: 'literal', text: '?', escaped: true },
      { kind: 'literal', text: 'c', escaped: false },
      { kind: 'literal', text: '$', escaped: true },
    ]);
  });

  it('leaves a lone $ and braces without $ as text', () => {
    expect(parseVariables('cost $5 {x}')).toEqual([{ kind: 'literal', text: 'cost $5 {x}', escaped: false }]);
    expect(parseVariables('$${aws:username}')).toEqual([
      { kind: 'literal', text: '$', escaped: false },
      { kind: 'variable', key: 'aws:username' },
    ]);
  });

  it('returns the whole text as a literal when malformed', () => {
    expect(parseVariables('home/${aws:username')).toEqual([{ kind: 'literal', text: 'home/${aws:username', escaped: false }]);
  });

  it('does not substitute inside a default value', () => {
    expect(parseVariables("${aws:username, '${*}'}")).toEqual([{ kind: 'variable', key: 'aws:username', defaultValue: '${*}' }]);
  });
});

describe('variableError', () => {
  it.each([
    ['home/${aws:username', /unterminated/],
    ['${', /unterminated/],
    ['${}', /empty policy variable/],
    ['${   }', /empty policy variable/],
    ["${aws:username, 'x'", /unterminated/],
    ["${aws:username, 'x}", /unterminated default/],
    ['${aws:username, x}', /single-quoted/],
    ["${aws:username, 'x' y}", /expected `}`/],
    ["${*, 'x'}", /no default/],
    ["${a'b}", /invalid character/],
    ['${a${b}}', /invalid character/],
  ])('reports %j', (text, message) => {
    expect(variableError(text)).toMatch(message);
  });

  it.each(['', 'plain', '${aws:username}', "${aws:PrincipalTag/team, 'none'}", '${*}${?}${$}', '$', '}'])('accepts %j', (text) => {
    expect(variableError(text)).toBeNull();
  });
});

describe('hasVariables', () => {
  it('is true for variables and escapes only', () => {
    expect(hasVariables('${aws:username}')).toBe(true);
    expect(hasVariables('a${*}')).toBe(true);
    expect(hasVariables('plain $ {text}')).toBe(false);
    expect(hasVariables('${unterminated')).toBe(false);
  });
});
