import { describe, expect, it } from 'vitest';
import { OPERATOR_KINDS, splitOperator, suggestOperator } from './operators.ts';

describe('OPERATOR_KINDS', () => {
  it('lists the 27 base operators of reference_policies_elements_condition_operators', () => {
    expect(OPERATOR_KINDS.size).toBe(27);
    expect(OPERATOR_KINDS.get('StringNotEqualsIgnoreCase')).toBe('string');
    expect(OPERATOR_KINDS.get('NumericGreaterThanEquals')).toBe('numeric');
    expect(OPERATOR_KINDS.get('DateLessThan')).toBe('date');
    expect(OPERATOR_KINDS.get('ArnNotLike')).toBe('arn');
    expect(OPERATOR_KINDS.get('NotIpAddress')).toBe('ip');
    expect(OPERATOR_KINDS.get('BinaryEquals')).toBe('binary');
    expect(OPERATOR_KINDS.get('Bool')).toBe('bool');
    expect(OPERATOR_KINDS.get('Null')).toBe('null');
    expect(OPERATOR_KINDS.get('StringEqual')).toBeUndefined();
  });
});

describe('splitOperator', () => {
  it.each([
    ['StringEquals', null, 'StringEquals', false],
    ['StringLikeIfExists', null, 'StringLike', true],
    ['ForAnyValue:StringLike', 'ForAnyValue', 'StringLike', false],
    ['ForAllValues:StringEqualsIgnoreCaseIfExists', 'ForAllValues', 'StringEqualsIgnoreCase', true],
    ['NullIfExists', null, 'Null', true],
  ])('splits %s', (text, qualifier, base, ifExists) => {
    const parts = splitOperator(text);
    expect(parts).toMatchObject({ qualifier, base, ifExists });
    expect(parts.kind).not.toBeNull();
    expect(parts.badQualifier).toBeUndefined();
  });

  it('marks unknown operators and qualifiers', () => {
    expect(splitOperator('StringEqual').kind).toBeNull();
    expect(splitOperator('IfExists')).toMatchObject({ base: 'IfExists', ifExists: false, kind: null });
    expect(splitOperator('ForSomeValues:StringEquals')).toMatchObject({ badQualifier: 'ForSomeValues', base: 'StringEquals' });
    expect(splitOperator('stringequals').kind).toBeNull();
  });
});

describe('suggestOperator', () => {
  it('fixes letter case', () => {
    expect(suggestOperator('stringequals')).toBe('StringEquals');
    expect(suggestOperator('forallvalues:stringlikeifexists')).toBe('ForAllValues:StringLikeIfExists');
    expect(suggestOperator('IPADDRESS')).toBe('IpAddress');
  });

  it('has nothing to say about unknown names or correct ones', () => {
    expect(suggestOperator('StringEqual')).toBeNull();
    expect(suggestOperator('StringEquals')).toBeNull();
    expect(suggestOperator('Sometimes:StringEquals')).toBeNull();
  });
});
