// The complete route table of the admin plane.

import type { RouteSpec } from '../http/route.ts';
import { accessKeyRoutes } from './access-keys.ts';
import { analysisRoutes } from './analysis.ts';
import type { RouteContext } from './context.ts';
import { groupRoutes } from './groups.ts';
import { operationsRoutes } from './operations.ts';
import { organizationRoutes } from './organization.ts';
import { policyRoutes } from './policies.ts';
import { resourceRoutes } from './resources.ts';
import { roleRoutes } from './roles.ts';
import { scpRoutes } from './scps.ts';
import { userRoutes } from './users.ts';

export type { RouteContext } from './context.ts';

/** Every route below `/v1` (the OpenAPI route is added by the app). */
export function allRoutes(ctx: RouteContext, engineRevision: () => number): RouteSpec[] {
  return [
    ...organizationRoutes(ctx),
    ...scpRoutes(ctx),
    ...userRoutes(ctx),
    ...groupRoutes(ctx),
    ...roleRoutes(ctx),
    ...policyRoutes(ctx),
    ...accessKeyRoutes(ctx),
    ...resourceRoutes(ctx),
    ...analysisRoutes(ctx),
    ...operationsRoutes(ctx, engineRevision),
  ];
}
