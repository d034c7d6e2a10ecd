// Numeric condition values as IAM accepts them: decimal integers and decimals, optional sign and exponent.

/** Decimal number with optional sign, fraction and exponent; no hex, no `Infinity`, no surrounding space. */
const IAM_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parse a Numeric* condition value (`5`, `-1.25`, `3e2`). Returns null for anything IAM would reject:
 * the empty string, `NaN`, `Infinity`, hex, surrounding whitespace, or a value that overflows a double.
 */
export function parseIamNumber(text: string): number | null {
  if (!IAM_NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
