// Public surface of the conformance corpus: the loader, the types and the comparison every runner shares.

export { loadCorpus, loadCaseFile, CorpusLoadError, DEFAULT_CASES_DIR } from './load.ts';
export { checkCase, needsExplain, formatFailure } from './check.ts';
export type { ComparableResult } from './check.ts';
export { referenceProblems, statementsOf } from './references.ts';
export { validateCaseFile, CASE_FILE_SCHEMA_PATH } from './schema.ts';
export type {
  CaseFile,
  CaseRequest,
  Corpus,
  CorpusCase,
  ExpectedDecision,
  ExpectedError,
  ExpectedReason,
  LoadedCase,
  LoadedFile,
} from './types.ts';
