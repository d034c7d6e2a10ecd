// Public surface of the policy parser and the value helpers the compiler uses.

export { parsePolicy, parsePolicyDetail, TOP_LEVEL_ELEMENTS } from './parse-policy.ts';
export type { PolicyParseDetail, StatementSource } from './parse-policy.ts';
export { STATEMENT_ELEMENTS } from './parse-statement.ts';
export { parseCidr, parseIp } from './cidr.ts';
export type { CidrValue, IpValue } from './cidr.ts';
export { parseIamDate } from './date.ts';
export { parseIamNumber } from './number.ts';
export { isValidBase64 } from './base64.ts';
export { parseVariables, variableError, hasVariables } from './variables.ts';
export type { VariableSegment } from './variables.ts';
export { OPERATOR_KINDS, LITERAL_STRING_OPERATORS, splitOperator } from './operators.ts';
export type { OperatorParts, ValueKind } from './operators.ts';
export { PRINCIPAL_TYPES, isEveryone } from './parse-principal.ts';
export { PRINCIPAL_RULES, RESOURCE_OPTIONAL_TYPES, GRANTING_TYPES } from './policy-types.ts';
export type { StatementRef } from './findings.ts';
