// Deterministic request streams over a world: requests drawn from the principals' own statements
// (mostly allowed), from their deny statements, and at random (mostly implicitly denied).

import type { AuthzRequest, ContextValue, PrincipalInput } from '../src/model/decision.ts';
import type { WorldSnapshot } from '../src/model/snapshot.ts';
import { Rng } from './prng.ts';
import { indexWorld, type PrincipalInfo, type RequestIndex } from './request-index.ts';
import { ALL_ACTIONS, REQUEST_REGIONS } from './vocab.ts';

/** Shares of the request mix (the rest are random action/resource pairs). */
const MIX = { unknownPrincipal: 0.01, accountRoot: 0.01, fromAllow: 0.55, fromDeny: 0.15 };
/** Share of role requests made as a role session, and of those carrying a session policy. */
const SESSION_SHARE = 0.3;
const SESSION_POLICY_SHARE = 0.1;
const MFA_SHARE = 0.75;
const CORPORATE_IP_SHARE = 0.85;
const SECURE_TRANSPORT_SHARE = 0.97;
const FOREIGN_REGION_SHARE = 0.05;
/** Request times span 2025-01-01 .. 2027-05 so that date conditions cut both ways. */
const TIME_START = Date.UTC(2025, 0, 1);
const TIME_SPAN_MS = 880 * 24 * 3600 * 1000;
const AMOUNTS = [5, 20, 99, 150, 450, 800, 2500, 7000, 15000];
/** Upper bounds of the mix's draws, cumulative. */
const [UNKNOWN, ROOT, ALLOW, DENY] = cumulative([MIX.unknownPrincipal, MIX.accountRoot, MIX.fromAllow, MIX.fromDeny]);
const SESSION_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'orders:Get*', 'orders:List*', 'sqs:*'], Resource: '*' }],
};

/** `count` requests over `world`; the same world, count and seed always give the same requests. */
export function generateRequests(world: WorldSnapshot, count: number, seed = 1): AuthzRequest[] {
  const rng = new Rng(seed);
  const index = indexWorld(world, rng);
  const out: AuthzRequest[] = [];
  for (let i = 0; i < count && index.principals.length > 0; i++) out.push(oneRequest(rng, index));
  return out;
}

function oneRequest(rng: Rng, index: RequestIndex): AuthzRequest {
  const roll = rng.next();
  const p = rng.pick(index.principals);
  const statements = roll < ROOT ? [] : roll < ALLOW ? p.allow : roll < DENY ? p.deny : [];
  const drawn = statements.length > 0 ? index.fromStatement(rng, p, rng.pick(statements)) : undefined;
  let action: string;
  let resource: string;
  if (drawn) {
    [action, resource] = drawn;
  } else {
    action = rng.pick(ALL_ACTIONS);
    const account = rng.chance(0.8) ? p.account : rng.pick(index.accounts);
    resource = index.resourceFor(rng, account, action.split(':')[0], p);
  }
  let principal = principalInput(rng, p);
  if (roll < UNKNOWN) principal = { arn: `arn:aws:iam::${p.account}:user/ghost-${rng.int(1, 1_000_000)}` };
  else if (roll < ROOT) principal = { arn: `arn:aws:iam::${p.account}:root` };
  principal.mfaPresent = rng.chance(MFA_SHARE);
  const at = TIME_START + Math.floor(rng.next() * TIME_SPAN_MS);
  return { principal, action, resource, context: context(rng, action, resource, index.homeRegion(p.account)), time: rng.chance(0.5) ? at : new Date(at).toISOString() };
}

function cumulative(shares: readonly number[]): number[] {
  let sum = 0;
  return shares.map((s) => (sum += s));
}

function principalInput(rng: Rng, p: PrincipalInfo): PrincipalInput {
  if (p.kind === 'user' || !rng.chance(SESSION_SHARE)) return { arn: p.arn };
  const sessionName = `s-${rng.int(1, 9999)}`;
  if (!rng.chance(SESSION_POLICY_SHARE)) {
    return { arn: `arn:aws:sts::${p.account}:assumed-role/${p.name}/${sessionName}` };
  }
  return { session: { roleArn: p.arn, sessionName, policies: [SESSION_POLICY] } };
}

function context(rng: Rng, action: string, resource: string, homeRegion: string): Record<string, ContextValue> {
  const octet = (): number => rng.int(0, 255);
  const arnRegion = resource.split(':')[3];
  const region = rng.chance(FOREIGN_REGION_SHARE) ? rng.pick(REQUEST_REGIONS) : arnRegion || homeRegion;
  const ctx: Record<string, ContextValue> = {
    'aws:SourceIp': rng.chance(CORPORATE_IP_SHARE) ? `10.${octet()}.${octet()}.${octet()}` : `203.0.113.${octet()}`,
    'aws:RequestedRegion': region,
    'aws:SecureTransport': rng.chance(SECURE_TRANSPORT_SHARE),
  };
  const [service, name] = action.split(':');
  if (service === 'orders') ctx['orders:Amount'] = rng.pick(AMOUNTS) + rng.int(0, 9);
  if (name === 'CreateOrder') ctx['aws:TagKeys'] = rng.pick([['team'], ['team', 'costCenter'], ['team', 'secret']]);
  if (service === 'kms') ctx['kms:ViaService'] = rng.pick(['s3.eu-west-1.amazonaws.com', 'lambda.eu-west-1.amazonaws.com']);
  if (name === 'PassRole') ctx['iam:PassedToService'] = rng.pick(['ec2.amazonaws.com', 'lambda.amazonaws.com']);
  if (name === 'RunInstances') ctx['ec2:InstanceType'] = rng.pick(['t3.micro', 'm5.large']);
  return ctx;
}
