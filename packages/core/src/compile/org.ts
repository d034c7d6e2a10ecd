// The organization tree in the image: root, OUs and accounts as nodes with their SCP/RCP attachments,
// org paths and membership. The tree is small, so any change to it rebuilds every node.

import { NK_ACCOUNT, NK_OU, NK_ROOT, NONE, ROOT_FLAGS, ROOT_FLAGS_RCP, ROOT_FLAGS_SCP, ROOT_MGMT_NODE, ROOT_ORG_ID } from '../../assembly/layout.ts';
import type { Account, Organization, OrganizationalUnit } from '../model/snapshot.ts';
import { BlockWriter } from '../wasm/heap.ts';
import { writeNode } from './blocks.ts';
import type { Image } from './image.ts';

/** Deepest root-to-account path the engine follows (AWS allows 5 OU levels). */
const MAX_TREE_DEPTH = 12;

/** Organization, OUs and accounts, mirrored and compiled. */
export class OrgState {
  organization?: Organization;
  readonly units = new Map<string, OrganizationalUnit>();
  readonly accounts = new Map<string, Account>();
  private orgIdBlock = 0;
  private readonly live = new Set<string>();

  constructor(private readonly image: Image) {}

  /** Parent id of a node (root has none). */
  private parentOf(id: string): string | undefined {
    if (this.organization && id === this.organization.root.id) return undefined;
    return this.units.get(id)?.parentId ?? this.accounts.get(id)?.parentId;
  }

  /** Ids from the node up to the root, or null when the chain does not reach the organization root. */
  private chain(id: string): string[] | null {
    const ids: string[] = [];
    let cur: string | undefined = id;
    while (cur !== undefined && ids.length <= MAX_TREE_DEPTH) {
      ids.push(cur);
      if (this.organization && cur === this.organization.root.id) return ids;
      cur = this.parentOf(cur);
    }
    return null;
  }

  /** Rewrite every node block, the accounts table, the org id and the SCP/RCP flags. */
  rebuild(): void {
    const image = this.image;
    const policyIndexes = (arns: readonly string[] | undefined) => (arns ?? []).map((a) => image.policies.indexOf(a));
    const org = this.organization;
    const nodes: Array<{ id: string; kind: number; scps?: string[]; rcps?: string[]; accountId?: string }> = [];
    if (org) nodes.push({ id: org.root.id, kind: NK_ROOT, scps: org.root.scps, rcps: org.root.rcps });
    for (const u of this.units.values()) nodes.push({ id: u.id, kind: NK_OU, scps: u.scps, rcps: u.rcps });
    for (const a of this.accounts.values()) nodes.push({ id: a.id, kind: NK_ACCOUNT, scps: a.scps, rcps: a.rcps, accountId: a.id });
    let scpInUse = false;
    let rcpInUse = false;
    const present = new Set<string>();
    for (const n of nodes) {
      present.add(n.id);
      const chain = org ? this.chain(n.id) : null;
      const parentId = this.parentOf(n.id);
      const parent = chain && parentId !== undefined ? image.nodes.indexOf(parentId) : NONE;
      let orgPath: string | undefined;
      if (chain && org && n.kind === NK_ACCOUNT) {
        orgPath = `${org.id}/${chain.slice(1).reverse().join('/')}/`;
      }
      if (chain) {
        scpInUse ||= (n.scps?.length ?? 0) > 0;
        rcpInUse ||= (n.rcps?.length ?? 0) > 0;
      }
      const w = writeNode({ parent, kind: n.kind, scps: policyIndexes(n.scps), rcps: policyIndexes(n.rcps), accountId: n.accountId, orgPath, inOrg: chain !== null });
      const index = image.nodes.indexOf(n.id);
      image.release(image.nodes.set(n.id, image.commit(w).ptr));
      if (n.accountId) image.accounts.set(n.accountId, index + 2);
    }
    for (const id of this.live) {
      if (present.has(id)) continue;
      image.release(image.nodes.set(id, 0));
      image.accounts.remove(id);
    }
    this.live.clear();
    for (const id of present) this.live.add(id);
    const mgmt = org ? this.accounts.get(org.managementAccountId) : undefined;
    image.setRoot(ROOT_MGMT_NODE, mgmt ? image.nodes.indexOf(mgmt.id) : NONE);
    image.release(this.orgIdBlock);
    this.orgIdBlock = 0;
    if (org) {
      const w = new BlockWriter();
      w.string(org.id);
      this.orgIdBlock = image.commit(w).ptr;
    }
    image.setRoot(ROOT_ORG_ID, this.orgIdBlock);
    image.setRoot(ROOT_FLAGS, (scpInUse ? ROOT_FLAGS_SCP : 0) | (rcpInUse ? ROOT_FLAGS_RCP : 0));
  }
}
