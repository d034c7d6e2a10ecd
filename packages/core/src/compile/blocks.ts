// Writers for the entity blocks other than policies: principals, groups, org nodes, resources, and the
// derived-key context lists they carry.

import { GR_POLICIES, GR_SIZE, NODE_ACCOUNT_ID, NODE_IN_ORG, NODE_KIND, NODE_ORG_PATH, NODE_PARENT, NODE_RCPS, NODE_SCPS, NODE_SIZE, PR_ACCOUNT, PR_ARN, PR_BOUNDARY, PR_CONTEXT, PR_FLAGS, PR_GROUPS, PR_KIND, PR_POLICIES, PR_SIZE, RES_ACCOUNT, RES_CONTEXT, RES_LAYER, RES_POLICY, RES_SIZE, CTX_ENTRY_SIZE } from '../../assembly/layout.ts';
import { BlockWriter } from '../wasm/heap.ts';
import type { KeyTable } from './keys.ts';

/** Context values by key name (merged case-insensitively by the key table). */
export type ContextEntries = Array<[string, string[]]>;

/** Write a context list; later entries win over earlier ones with the same key. Returns its offset. */
export function writeContext(w: BlockWriter, entries: ContextEntries, keys: KeyTable): number {
  const byId = new Map<number, string[]>();
  for (const [name, values] of entries) byId.set(keys.intern(name), values);
  const off = w.reserve(4 + CTX_ENTRY_SIZE * byId.size);
  w.u32At(off, byId.size);
  let i = 0;
  for (const [id, values] of byId) {
    const at = off + 4 + CTX_ENTRY_SIZE * i++;
    w.u32At(at, id);
    w.ptrAt(at + 4, w.ptrList(values.map((v) => w.string(v))));
  }
  return off;
}

/** What a principal block holds. */
export interface PrincipalBlockSpec {
  kind: number;
  arn: string;
  account: string;
  flags: number;
  boundary: number;
  policies: number[];
  groups: number[];
  context: ContextEntries;
}

/** Write a principal block (users, roles, and the pseudo principals: account roots, services). */
export function writePrincipal(spec: PrincipalBlockSpec, keys: KeyTable): BlockWriter {
  const w = new BlockWriter();
  const off = w.reserve(PR_SIZE);
  w.u32At(off + PR_KIND, spec.kind);
  w.ptrAt(off + PR_ARN, w.string(spec.arn));
  w.ptrAt(off + PR_ACCOUNT, spec.account ? w.string(spec.account) : null);
  w.u32At(off + PR_FLAGS, spec.flags);
  w.u32At(off + PR_BOUNDARY, spec.boundary);
  w.ptrAt(off + PR_POLICIES, w.list(spec.policies));
  w.ptrAt(off + PR_GROUPS, w.list(spec.groups));
  w.ptrAt(off + PR_CONTEXT, writeContext(w, spec.context, keys));
  return w;
}

/** Write a group block: its policy indexes. */
export function writeGroup(policies: number[]): BlockWriter {
  const w = new BlockWriter();
  const off = w.reserve(GR_SIZE);
  w.ptrAt(off + GR_POLICIES, w.list(policies));
  return w;
}

/** What an org node block holds. */
export interface NodeBlockSpec {
  parent: number;
  kind: number;
  scps: number[];
  rcps: number[];
  accountId?: string;
  orgPath?: string;
  inOrg: boolean;
}

/** Write an organization node block. */
export function writeNode(spec: NodeBlockSpec): BlockWriter {
  const w = new BlockWriter();
  const off = w.reserve(NODE_SIZE);
  w.u32At(off + NODE_PARENT, spec.parent);
  w.u32At(off + NODE_KIND, spec.kind);
  w.ptrAt(off + NODE_SCPS, w.list(spec.scps));
  w.ptrAt(off + NODE_RCPS, w.list(spec.rcps));
  w.ptrAt(off + NODE_ACCOUNT_ID, spec.accountId ? w.string(spec.accountId) : null);
  w.ptrAt(off + NODE_ORG_PATH, spec.orgPath ? w.string(spec.orgPath) : null);
  w.u32At(off + NODE_IN_ORG, spec.inOrg ? 1 : 0);
  return w;
}

/** What a resource block holds. */
export interface ResourceBlockSpec {
  arn: string;
  account?: string;
  policy: number;
  layer: number;
  tags?: Record<string, string>;
}

/** Write a resource block. */
export function writeResource(spec: ResourceBlockSpec, keys: KeyTable): BlockWriter {
  const w = new BlockWriter();
  const off = w.reserve(RES_SIZE);
  w.ptrAt(off + RES_ACCOUNT, spec.account ? w.string(spec.account) : null);
  w.u32At(off + RES_POLICY, spec.policy);
  w.u32At(off + RES_LAYER, spec.layer);
  const tags: ContextEntries = Object.entries(spec.tags ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, [v]]);
  w.ptrAt(off + RES_CONTEXT, writeContext(w, tags, keys));
  w.ptrAt(off + 0, w.string(spec.arn)); // RES_ARN
  return w;
}

