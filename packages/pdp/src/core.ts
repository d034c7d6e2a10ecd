// The one place this package names the core's types (the engine factory is imported in exec/engine.ts).

export type {
  AuthzEngine,
  AuthzRequest,
  ChangeBatch,
  ContextValue,
  Decision,
  DecisionResult,
  EngineStats,
  EvaluationError,
  Layer,
  PrincipalInput,
  Reason,
  RoleSession,
  TimeInput,
  WorldChange,
  WorldSnapshot,
  WorldSource,
} from '@iam/core';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '@iam/core';
