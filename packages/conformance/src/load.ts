// Loads the corpus: every `*.json` under the cases folder, parsed, in a stable order.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCaseFile } from './schema.ts';
import type { CaseFile, Corpus, LoadedCase, LoadedFile } from './types.ts';

/** The corpus folder shipped with this package. */
export const DEFAULT_CASES_DIR = fileURLToPath(new URL('../cases', import.meta.url));

/** Extension of case files. */
const CASE_FILE_EXTENSION = '.json';
/** Schema problems quoted in a CorpusLoadError. */
const SCHEMA_PROBLEMS_SHOWN = 5;

/** Thrown when a case file cannot be read, parsed or fails its schema; the message names the file. */
export class CorpusLoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'CorpusLoadError';
  }
}

/** All case file paths under `dir`, recursively, sorted. */
function listCaseFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listCaseFiles(full));
    else if (entry.endsWith(CASE_FILE_EXTENSION)) out.push(full);
  }
  return out;
}

/** Reads, parses and schema-checks one case file (its world against core's world schema), so no runner sees a malformed one. */
export function loadCaseFile(path: string, name = path): CaseFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new CorpusLoadError(name, `cannot read case file \`${name}\`: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CorpusLoadError(name, `invalid JSON in case file \`${name}\`: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CorpusLoadError(name, `case file \`${name}\` is not a JSON object`);
  }
  const file = parsed as CaseFile;
  if (!Array.isArray(file.cases)) {
    throw new CorpusLoadError(name, `case file \`${name}\` has no \`cases\` array`);
  }
  const problems = validateCaseFile(file);
  if (problems.length > 0) {
    const more = problems.length > SCHEMA_PROBLEMS_SHOWN ? ` (and ${problems.length - SCHEMA_PROBLEMS_SHOWN} more)` : '';
    throw new CorpusLoadError(name, `case file \`${name}\` does not match its schema: ${problems.slice(0, SCHEMA_PROBLEMS_SHOWN).join('; ')}${more}`);
  }
  return file;
}

/** Loads every case file under `dir` (default: this package's `cases/`). Throws CorpusLoadError naming the bad file. */
export function loadCorpus(dir: string = DEFAULT_CASES_DIR): Corpus {
  const files: LoadedFile[] = listCaseFiles(dir).map((path) => {
    const name = relative(dir, path).split(sep).join('/');
    return { name, path, file: loadCaseFile(path, name) };
  });
  const cases: LoadedCase[] = files.flatMap(({ name, file }) =>
    file.cases.map((c) => ({ fileName: name, world: file.world, case: c })),
  );
  return { dir, files, cases };
}
