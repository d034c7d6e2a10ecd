// The one place this package names the core's types and its store follower (the engine factory is imported in
// exec/engine.ts).

export type {
  AuthzEngine,
  AuthzRequest,
  ChangeBatch,
  ContextValue,
  Decision,
  DecisionResult,
  EngineStats,
  EvaluationError,
  FollowerEvents,
  FollowerStatus,
  Layer,
  PrincipalInput,
  Reason,
  RoleSession,
  TargetInfo,
  TimeInput,
  WorldChange,
  WorldSnapshot,
  WorldSource,
  WorldTarget,
} from '@iam/core';
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, WorldFollower, RETRY_MIN_MS } from '@iam/core';
