// Builds engines: the only import of the core's engine factory.

import { createEngine } from '@iam/core';
import type { AuthzEngine, WorldSnapshot } from '../core.ts';

/** Compiles a snapshot into a ready engine. */
export function buildEngine(snapshot: WorldSnapshot): Promise<AuthzEngine> {
  return createEngine(snapshot);
}
