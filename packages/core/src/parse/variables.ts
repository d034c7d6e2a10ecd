// Policy variables in Resource and String/ARN condition values: `${key}`, `${key, 'default'}`, `${*}` `${?}` `${$}`.

/**
 * One piece of a value split at its policy variables. A `literal` with `escaped: true` came from
 * `${*}`, `${?}` or `${$}` and must match that character literally (never as a wildcard).
 */
export type VariableSegment =
  | { kind: 'literal'; text: string; escaped: boolean }
  | { kind: 'variable'; key: string; defaultValue?: string };

/** Segments of a value, or the reason it is malformed. */
export interface VariableScan {
  segments: VariableSegment[];
  error: string | null;
}

const ESCAPES = new Set(['*', '?', '$']);
/** Characters that may not appear in a variable's key. */
const BAD_KEY_CHARS = /['{}$,]/;

/**
 * Split `text` into literal and variable segments (Version 2012-10-17 semantics). Key names are
 * trimmed; a default value is single-quoted, `''` inside it stands for one quote. On malformed
 * input (see `variableError`) the whole text comes back as one unescaped literal.
 */
export function parseVariables(text: string): VariableSegment[] {
  const scan = scanVariables(text);
  return scan.error === null ? scan.segments : [{ kind: 'literal', text, escaped: false }];
}

/** Why `text` has a malformed policy variable (unterminated `${`, empty key, ...), or null when it is fine. */
export function variableError(text: string): string | null {
  return scanVariables(text).error;
}

/** True when `text` holds at least one well-formed variable or escape. */
export function hasVariables(text: string): boolean {
  const scan = scanVariables(text);
  return scan.error === null && scan.segments.some((s) => s.kind === 'variable' || s.escaped);
}

/** Scan `text` once, returning its segments and the first error. */
export function scanVariables(text: string): VariableScan {
  const segments: VariableSegment[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const parsed = readVariable(text, i + 2);
    if (typeof parsed === 'string') return { segments: [], error: parsed };
    if (literal) segments.push({ kind: 'literal', text: literal, escaped: false });
    literal = '';
    segments.push(parsed.segment);
    i = parsed.end;
  }
  if (literal) segments.push({ kind: 'literal', text: literal, escaped: false });
  return { segments, error: null };
}

/** Read a variable body starting after `${`; returns the segment and the index after `}`, or an error. */
function readVariable(text: string, start: number): { segment: VariableSegment; end: number } | string {
  let j = start;
  while (j < text.length && text[j] !== '}' && text[j] !== ',') j++;
  if (j >= text.length) return `unterminated \`\${\` at position ${start - 2}`;
  const key = text.slice(start, j).trim();
  if (key === '') return `empty policy variable at position ${start - 2}`;
  if (ESCAPES.has(key)) {
    if (text[j] !== '}') return `escape \`\${${key}}\` takes no default value`;
    return { segment: { kind: 'literal', text: key, escaped: true }, end: j + 1 };
  }
  if (BAD_KEY_CHARS.test(key)) return `invalid character in policy variable \`${key}\``;
  if (text[j] === '}') return { segment: { kind: 'variable', key }, end: j + 1 };
  const dflt = readDefault(text, j + 1);
  if (typeof dflt === 'string') return dflt;
  return { segment: { kind: 'variable', key, defaultValue: dflt.value }, end: dflt.end };
}

/** Read `'value'}` (with optional spaces) after the comma of `${key, 'value'}`. */
function readDefault(text: string, start: number): { value: string; end: number } | string {
  let j = skipSpaces(text, start);
  if (text[j] !== "'") return 'default value of a policy variable must be single-quoted';
  j += 1;
  let value = '';
  for (;;) {
    if (j >= text.length) return 'unterminated default value in policy variable';
    if (text[j] === "'") {
      if (text[j + 1] === "'") {
        value += "'";
        j += 2;
        continue;
      }
      break;
    }
    value += text[j];
    j += 1;
  }
  j = skipSpaces(text, j + 1);
  if (j >= text.length) return 'unterminated `${` after a default value';
  if (text[j] !== '}') return 'expected `}` after the default value of a policy variable';
  return { value, end: j + 1 };
}

function skipSpaces(text: string, i: number): number {
  while (text[i] === ' ') i++;
  return i;
}
