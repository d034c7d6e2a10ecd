// What the validator knows about global condition keys: which are single-valued, multi-valued, boolean.

/** Global keys that always carry one value (reference_policies_condition-keys.html). Lower-cased. */
const SINGLE_VALUED_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:SourceIp', 'aws:username', 'aws:userid', 'aws:PrincipalArn', 'aws:PrincipalAccount', 'aws:PrincipalOrgID',
    'aws:PrincipalType', 'aws:PrincipalIsAWSService', 'aws:PrincipalServiceName', 'aws:SecureTransport',
    'aws:CurrentTime', 'aws:EpochTime', 'aws:TokenIssueTime', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge',
    'aws:RequestedRegion', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:VpcSourceIp', 'aws:SourceAccount', 'aws:SourceArn',
    'aws:SourceOrgID', 'aws:SourceIdentity', 'aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ViaAWSService',
    'aws:Referer', 'aws:UserAgent', 'aws:FederatedProvider', 'sts:ExternalId', 'sts:RoleSessionName', 'sts:SourceIdentity',
  ].map((k) => k.toLowerCase()),
);

/** Key families with one value per tag key (`aws:PrincipalTag/team`). Lower-cased. */
const SINGLE_VALUED_PREFIXES: readonly string[] = ['aws:principaltag/', 'aws:resourcetag/', 'aws:requesttag/'];

/** Global keys that carry a set of values. Lower-cased. */
const MULTI_VALUED_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:TagKeys', 'aws:PrincipalOrgPaths', 'aws:ResourceOrgPaths', 'aws:SourceOrgPaths', 'aws:CalledVia',
    'aws:PrincipalServiceNamesList', 'sts:TransitiveTagKeys',
  ].map((k) => k.toLowerCase()),
);

/** Global keys whose values are booleans. Lower-cased. */
const BOOLEAN_KEYS: ReadonlySet<string> = new Set(
  ['aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:ViaAWSService', 'aws:PrincipalIsAWSService'].map((k) =>
    k.toLowerCase(),
  ),
);

/** True for a key AWS documents as single-valued (key names ignore case). */
export function isSingleValuedKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SINGLE_VALUED_KEYS.has(lower) || SINGLE_VALUED_PREFIXES.some((p) => lower.startsWith(p) && lower.length > p.length);
}

/** True for a key AWS documents as multi-valued. */
export function isMultiValuedKey(key: string): boolean {
  return MULTI_VALUED_KEYS.has(key.toLowerCase());
}

/** True for a key AWS documents as boolean. */
export function isBooleanKey(key: string): boolean {
  return BOOLEAN_KEYS.has(key.toLowerCase());
}
