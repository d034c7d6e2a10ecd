// Shapes of the conformance corpus: case files, cases and what a case expects.

import type { AuthzRequest, Decision, Layer, WorldSnapshot } from '@iam/core';

/** One expected reason: compared by policyId + statementIndex + effect + layer. */
export interface ExpectedReason {
  policyId: string;
  statementIndex: number;
  effect: 'Allow' | 'Deny';
  layer: Layer;
  sid?: string;
}

/** One expected evaluation error: compared by policyId + statementIndex (the message is free text). */
export interface ExpectedError {
  policyId: string;
  statementIndex: number;
  message?: string;
}

/** The part of a DecisionResult a case pins down; only the fields given are compared. */
export interface ExpectedDecision {
  decision: Decision;
  reasons?: ExpectedReason[];
  deniedBy?: Layer;
  missingContextKeys?: string[];
  errors?: ExpectedError[];
}

/** A request as written in a case: an AuthzRequest without `explain` (the runner decides that). */
export type CaseRequest = Omit<AuthzRequest, 'explain'>;

/** One case: a request against the file's world and the decision AWS would give. */
export interface CorpusCase {
  name: string;
  /** A more precise AWS documentation URL than the file's `source`. */
  source?: string;
  /** Why a subtle case decides the way it does. */
  note?: string;
  request: CaseRequest;
  expect: ExpectedDecision;
}

/** One JSON file of the corpus: a world and the cases decided in it. */
export interface CaseFile {
  description: string;
  source: string;
  world: WorldSnapshot;
  cases: CorpusCase[];
}

/** A case file as loaded, with its path relative to the corpus folder (`A-scp/scp.json`). */
export interface LoadedFile {
  name: string;
  path: string;
  file: CaseFile;
}

/** One case with the file it came from. */
export interface LoadedCase {
  fileName: string;
  world: WorldSnapshot;
  case: CorpusCase;
}

/** The whole corpus: every file, and every case in file order. */
export interface Corpus {
  dir: string;
  files: LoadedFile[];
  cases: LoadedCase[];
}
