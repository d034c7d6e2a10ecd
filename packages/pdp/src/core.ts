// The one place this package names the core: its types, its store follower and the engine target that builds engines.

export type {
  AuthzEngine,
  AuthzRequest,
  ChangeBatch,
  ContextValue,
  Decision,
  DecisionResult,
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
export { EngineTarget, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, WorldFollower, RETRY_MIN_MS } from '@iam/core';
