// The engine's public contract: what every other package (store, pdp, admin, express) relies on.

import type { AuthzRequest, DecisionResult } from '../model/decision.ts';
import type { WorldChange } from '../model/change.ts';

/** Size and shape of the compiled image. */
export interface EngineStats {
  revision: number;
  imageBytes: number;
  principals: number;
  policies: number;
  statements: number;
  resources: number;
}

/** A compiled world resident in one WASM instance. Synchronous and single-threaded: use one per thread. */
export interface AuthzEngine {
  /** Store revision the loaded world reflects. */
  readonly revision: number;
  /** Decide one request. Never throws for bad requests: a request that cannot be evaluated is an ImplicitDeny with an error. */
  authorize(request: AuthzRequest): DecisionResult;
  /** Decide many requests with one crossing into WASM. */
  authorizeBatch(requests: readonly AuthzRequest[]): DecisionResult[];
  /** Apply changes atomically (all or none) and move to `revision` when given. Throws on an invalid change, leaving the world as it was. */
  apply(changes: readonly WorldChange[], revision?: number): void;
  stats(): EngineStats;
}
