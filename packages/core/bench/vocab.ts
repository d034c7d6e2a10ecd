// The vocabulary of the synthetic worlds: services and their actions, regions, teams, networks.

/** Concrete actions per service prefix; wildcard patterns in policies are drawn to match these. */
export const SERVICE_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  s3: [
    'GetObject', 'GetObjectTagging', 'GetBucketPolicy', 'ListBucket', 'PutObject', 'DeleteObject',
    'DeleteBucket', 'PutBucketPolicy',
  ],
  orders: ['GetOrder', 'ListOrders', 'CreateOrder', 'CancelOrder', 'RefundOrder', 'UpdateOrder'],
  invoices: ['GetInvoice', 'ListInvoices', 'ApproveInvoice', 'VoidInvoice'],
  ec2: [
    'DescribeInstances', 'DescribeVolumes', 'DescribeSecurityGroups', 'StartInstances', 'StopInstances',
    'RebootInstances', 'TerminateInstances', 'RunInstances',
  ],
  dynamodb: ['GetItem', 'Query', 'Scan', 'PutItem', 'UpdateItem', 'DeleteItem', 'DeleteTable'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'ScheduleKeyDeletion'],
  iam: ['GetUser', 'ListRoles', 'CreateUser', 'AttachRolePolicy', 'PassRole'],
  sts: ['AssumeRole', 'TagSession'],
  organizations: ['LeaveOrganization', 'DescribeOrganization'],
};

/** Every concrete action as `service:Name`. */
export const ALL_ACTIONS: readonly string[] = Object.entries(SERVICE_ACTIONS).flatMap(([service, names]) =>
  names.map((name) => `${service}:${name}`),
);

/** Regions the organization allows (its region SCP denies the rest). */
export const ALLOWED_REGIONS = ['eu-west-1', 'eu-central-1'] as const;
/** Regions requests may name; the last ones are outside the allowed set. */
export const REQUEST_REGIONS = ['eu-west-1', 'eu-central-1', 'eu-west-1', 'us-east-1', 'ap-south-1'] as const;

/** Team names; worlds with more teams than names append a number. */
export const TEAMS = [
  'payments', 'catalog', 'shipping', 'search', 'identity', 'billing', 'growth', 'platform', 'data',
  'mobile', 'web', 'support', 'risk', 'ledger', 'pricing', 'inventory',
] as const;

/** Corporate networks that IP conditions allow. */
export const CORPORATE_CIDRS = ['10.0.0.0/8', '192.0.2.0/24', '2001:db8::/32'] as const;

/** Services that assume roles in trust policies. */
export const ROLE_SERVICES = ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com'] as const;

/** Environments used as `env` tags. */
export const ENVS = ['prod', 'staging', 'dev', 'sandbox'] as const;

/** Cost centers used as `costCenter` tags. */
export const COST_CENTERS = ['cc-100', 'cc-200', 'cc-300', 'cc-400'] as const;

/** The AWS-managed SCP that allows everything; attached at every level of the organization. */
export const FULL_ACCESS_SCP_ARN = 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess';

/** A policy document version used by every generated policy. */
export const POLICY_VERSION = '2012-10-17';
