// The image and request layout: byte offsets and codes shared by the AssemblyScript evaluator and the
// TypeScript host (this file is valid in both languages; keep it to untyped numeric constants).

/** ABI version; the host refuses a module whose `abiVersion()` differs. Bump on any layout change. */
export const ABI_VERSION = 10;

/** Where the host heap (image, tables, request arena) starts; AS static data must end below it. */
export const HOST_HEAP_START = 1048576;
/** No such index/pointer. */
export const NONE = 0xffffffff;

// ---- Root block, at HOST_HEAP_START (all u32) ----
export const ROOT_PRINCIPALS = 0; // ptr to u32[] of principal block ptrs (0 = absent)
export const ROOT_POLICIES = 4; // ptr to u32[] of policy block ptrs
export const ROOT_GROUPS = 8; // ptr to u32[] of group block ptrs
export const ROOT_NODES = 12; // ptr to u32[] of org node block ptrs
export const ROOT_ACCOUNTS_HT = 16; // hash table: account id -> node index
export const ROOT_RESOURCES_HT = 20; // hash table: resource ARN -> resource block ptr
export const ROOT_SERVICES_HT = 24; // hash table: service prefix -> service id
export const ROOT_ORG_ID = 28; // string ptr or 0
export const ROOT_MGMT_NODE = 32; // node index of the management account or NONE
export const ROOT_SCRATCH = 36; // ptr to scratch area (template rendering, derived values)
export const ROOT_SCRATCH_SIZE = 40;
export const ROOT_EXPLAIN = 44; // ptr to explain record area
export const ROOT_EXPLAIN_CAP = 48; // capacity in records
export const ROOT_FLAGS = 52; // ROOT_FLAGS_*
export const ROOT_POLICY_MASKS = 56; // ptr to u64[] parallel to the policy table: each policy's service mask (0 when absent)
export const ROOT_SIZE = 64;
export const ROOT_FLAGS_SCP = 1; // SCPs are in use: every level of a member account's path needs an Allow
export const ROOT_FLAGS_RCP = 2; // RCPs are in use

// ---- Hash table: u32 cap (power of two), then cap x (u32 hash, u32 value); value 0 = empty ----
// The key string of an entry is found through the value: accounts -> node block NODE_ACCOUNT_ID,
// resources -> RES_ARN, services -> a service entry (u32 id, then the string).
export const HT_CAP = 0;
export const HT_ENTRIES = 4;
export const HT_ENTRY_SIZE = 8;
// The tables' string hash: MurmurHash3 (x86, 32-bit) with this seed, over the key's UTF-8 bytes in 4-byte
// little-endian words. Its state after each whole word is the state of every longer prefix, so the evaluator
// hashes a resource ARN once and finishes the hash of each parent cut at a `/` in a few steps.
export const HASH_SEED = 0x5bd1e995;
export const HASH_C1 = 0xcc9e2d51;
export const HASH_C2 = 0x1b873593;
/** Service entry: u32 id, then a string. */
export const SVC_ID = 0;
export const SVC_NAME = 4;

// ---- Strings: u32 byte length, then UTF-8 bytes ----
// ---- Lists: u32 count, then count x u32 ----

// ---- Principal block (users and roles) ----
export const PR_KIND = 0; // PK_USER | PK_ROLE
export const PR_ARN = 4; // string ptr
export const PR_ACCOUNT = 8; // string ptr (12 digits)
export const PR_FLAGS = 12; // PF_*
export const PR_BOUNDARY = 16; // policy index or NONE
export const PR_POLICIES = 20; // list ptr of policy indexes (managed + inline)
export const PR_GROUPS = 24; // list ptr of group indexes
export const PR_CONTEXT = 28; // context list ptr (derived keys)
export const PR_STATEMENTS = 32; // statement index ptr (users, roles; written by the host when first needed) or 0: walk PR_POLICIES and PR_GROUPS
export const PR_SIZE = 36;
export const PF_SERVICE_LINKED = 1;

// ---- Statement index: a principal's identity statements (own policies, then its groups'), by action service ----
// u32 count n, u32 list ptr of the statements that name no service (`*` actions: for a service absent below),
// then n x (u32 service id, u32 list ptr), ascending by service id. Each list holds, in policy and statement order,
// the statement ptrs that can match an action of that service.
export const SX_COUNT = 0;
export const SX_OTHER = 4;
export const SX_ENTRIES = 8;
export const SX_ENTRY_SIZE = 8;

// ---- Group block ----
export const GR_POLICIES = 0; // list ptr of policy indexes
export const GR_SIZE = 4;

// ---- Organization node block (root, OU, account) ----
export const NODE_PARENT = 0; // node index or NONE
export const NODE_KIND = 4; // NK_*
export const NODE_SCPS = 8; // list ptr of policy indexes
export const NODE_RCPS = 12; // list ptr of policy indexes
export const NODE_ACCOUNT_ID = 16; // string ptr (accounts) or 0
export const NODE_ORG_PATH = 20; // string ptr: `o-x/r-x/ou-x/` (accounts in the organization) or 0
export const NODE_IN_ORG = 24; // 1 when the node hangs under the organization root
export const NODE_SIZE = 28;
export const NK_ROOT = 0;
export const NK_OU = 1;
export const NK_ACCOUNT = 2;

// ---- Resource block ----
export const RES_ARN = 0; // string ptr
export const RES_ACCOUNT = 4; // string ptr or 0
export const RES_POLICY = 8; // policy index or NONE
export const RES_LAYER = 12; // LAYER_RESOURCE or LAYER_TRUST
export const RES_CONTEXT = 16; // context list ptr (aws:ResourceTag/*)
export const RES_SIZE = 20;

// ---- Context list: u32 count, then count x (u32 keyId, u32 valuesListPtr -> list of string ptrs) ----
export const CTX_ENTRY_SIZE = 8;

// ---- Policy block: u64 service mask (bit = service id mod 64), u32 flags, then the list of statement ptrs ----
export const POLICY_MASK = 0;
export const POLICY_FLAGS = 8; // PLF_*
export const POLICY_STATEMENTS = 12;
/** Every statement is an Allow without condition or principal, and one allows every action on every resource (FullAWSAccess). */
export const PLF_ALLOWS_ALL = 1;
// ---- Statement block ----
export const ST_FLAGS = 0; // SF_*
export const ST_ID = 4; // global statement id (host maps it to policy, index, sid)
export const ST_SERVICES = 8; // list ptr of service ids (unless SF_ANY_SERVICE)
export const ST_ACTIONS = 12; // list ptr of pattern ptrs (lowercased)
export const ST_RESOURCES = 16; // list ptr of resource pattern ptrs (0 when no Resource element)
export const ST_PRINCIPALS = 20; // list ptr of principal entry ptrs (0 when none)
export const ST_CONDITIONS = 24; // list ptr of condition ptrs
export const ST_ACTION_BITS = 28; // u32: the action bits (ACTION_BIT_*) its Action patterns can match; all ones when any
export const ST_SIZE = 32;
// Action bits: an action's bit is picked by the two bytes after its first colon (0 for a byte past the end); a
// pattern whose service part or first two name bytes hold a wildcard, or that has no colon, can match any bit.
export const ACTION_BIT_M1 = 0x9e3779b1;
export const ACTION_BIT_M2 = 0x85ebca77;
export const SF_DENY = 1;
export const SF_NOT_ACTION = 2;
export const SF_NOT_RESOURCE = 4;
export const SF_NOT_PRINCIPAL = 8;
export const SF_ANY_SERVICE = 16;
export const SF_ANY_ACTION = 32; // an Action `*` (fast path)
export const SF_ANY_RESOURCE = 64; // a Resource `*` (fast path)

// ---- Pattern (template): u32 segment count; 0 = plain: u32 len, u32 shape (SHAPE_*), then the bytes ----
// Segments: count x (u32 kind, u32 a, u32 b): SEG_LITERAL a = string ptr; SEG_VAR(_CALLER) a = keyId, b = default string ptr or 0.
// In pattern bytes, 0x01 is the `*` wildcard and 0x02 the `?` wildcard; every other byte is literal.
export const PLAIN_LEN = 4;
export const PLAIN_SHAPE = 8;
export const PLAIN_BYTES = 12;
export const SHAPE_GLOB = 0; // general wildcard pattern
export const SHAPE_LITERAL = 1; // no wildcard: plain equality
export const SHAPE_PREFIX = 2; // literal text then one trailing `*`: a prefix test
export const SHAPE_ANY = 3; // `*` alone
export const SEG_LITERAL = 0;
export const SEG_VAR = 1;
export const SEG_VAR_CALLER = 2; // SEG_VAR of a key callers supply (see CF_CALLER_KEY)
export const SEG_SIZE = 12;
export const WILD_STAR = 1;
export const WILD_ONE = 2;

// ---- Resource / ARN pattern ----
export const RP_KIND = 0; // RPK_*
export const RP_WHOLE = 4; // pattern ptr over the whole text
export const RP_PARTS = 8; // 6 x pattern ptr (RPK_ARN)
export const RP_HEAD = 32; // RPK_ARN whose first five components are literal: string ptr of `arn:...:` up to the resource part; else 0
export const RP_SIZE = 36;
export const RPK_ANY = 0;
export const RPK_ARN = 1;
export const RPK_GLOB = 2;

// ---- Principal entry of a resource policy ----
export const PE_KIND = 0; // PEK_*
export const PE_VALUE = 4; // string ptr
export const PE_SIZE = 8;
export const PEK_ANY = 0;
export const PEK_ACCOUNT = 1;
export const PEK_ARN = 2;
export const PEK_SERVICE = 3;
export const PEK_FEDERATED = 4;
export const PEK_NEVER = 5;

// ---- Condition block ----
export const CO_OP = 0; // OP_* (positive base operator)
export const CO_FLAGS = 4; // CF_*
export const CO_KEY = 8; // key id
export const CO_VALUES = 12; // list ptr; item type depends on the operator family
export const CO_SIZE = 16;
export const CF_NEGATED = 1;
export const CF_IF_EXISTS = 2;
export const CF_FOR_ANY = 4;
export const CF_FOR_ALL = 8;
export const CF_CALLER_KEY = 16; // a key callers supply (not derived): only the request's context can hold it
export const OP_STRING_EQUALS = 0; // values: pattern ptrs (no wildcards)
export const OP_STRING_EQUALS_IC = 1; // values: pattern ptrs, lowercased
export const OP_STRING_LIKE = 2; // values: pattern ptrs with wildcards
export const OP_NUMERIC_EQ = 3; // values: ptr to f64
export const OP_NUMERIC_LT = 4;
export const OP_NUMERIC_LE = 5;
export const OP_NUMERIC_GT = 6;
export const OP_NUMERIC_GE = 7;
export const OP_DATE_EQ = 8; // values: ptr to f64 epoch ms
export const OP_DATE_LT = 9;
export const OP_DATE_LE = 10;
export const OP_DATE_GT = 11;
export const OP_DATE_GE = 12;
export const OP_BOOL = 13; // values: ptr to u32 0/1
export const OP_BINARY = 14; // values: string ptrs (base64 text)
export const OP_IP = 15; // values: ptr to 16 address bytes + u32 prefix length (128-bit space)
export const OP_ARN_LIKE = 16; // values: resource pattern ptrs (ArnEquals behaves the same)
export const OP_NULL = 17; // values: ptr to u32 0/1

// ---- Request record (written by the host into the arena) ----
export const RQ_PKIND = 0; // PK_*
export const RQ_PRINCIPAL = 4; // principal block ptr (users, roles) or 0
export const RQ_PARN = 8; // string ptr: principal ARN as the request names it (session ARN for sessions, service name, provider)
export const RQ_PACCOUNT = 12; // string ptr: principal account id (or 0)
export const RQ_ACTION = 16; // string ptr, lowercased
export const RQ_RESOURCE = 20; // string ptr
export const RQ_RES_ACCOUNT = 24; // string ptr or 0 (caller-stated)
export const RQ_CONTEXT = 28; // context list ptr (caller keys; derived keys already removed)
export const RQ_DERIVED = 32; // context list ptr (request-derived keys: session tags, MFA, times)
export const RQ_SESSION = 36; // list ptr of policy block ptrs, or 0 when the request has no session policies
export const RQ_FLAGS = 44; // RF_*
export const RQ_TIME = 48; // f64 epoch ms
export const RQ_SIZE = 56;
export const RF_EXPLAIN = 1;
export const RF_HAS_BOUNDARY = 2; // (set by WASM internally)

export const PK_USER = 0;
export const PK_ROLE = 1; // a role session
export const PK_ROOT = 2;
export const PK_SERVICE = 3;
export const PK_FEDERATED = 4;
export const PK_UNKNOWN = 5;

// ---- Results: one u32 per request: decision | deniedBy << 8 | flags << 16 ----
export const DEC_ALLOW = 0;
export const DEC_EXPLICIT_DENY = 1;
export const DEC_IMPLICIT_DENY = 2;
export const RESULT_ERRORS = 1; // flag: evaluation errors were recorded
export const RESULT_TRUNCATED = 2; // flag: explanation overflowed its buffer

export const LAYER_SCP = 0;
export const LAYER_RCP = 1;
export const LAYER_RESOURCE = 2;
export const LAYER_TRUST = 3;
export const LAYER_IDENTITY = 4;
export const LAYER_BOUNDARY = 5;
export const LAYER_SESSION = 6;
export const LAYER_NONE = 255;

// ---- Explain records: 4 x u32: request index, kind, a, b ----
export const EX_SIZE = 16;
export const EXK_REASON = 0; // a = statement id, b = layer
export const EXK_MISSING = 1; // a = key id
export const EXK_ERROR = 2; // a = statement id, b = error code | key id << 8
export const ERR_NOT_NUMBER = 1;
export const ERR_NOT_DATE = 2;
export const ERR_NOT_IP = 3;
export const ERR_NOT_BOOL = 4;
export const ERR_BAD_POLICY_VALUE = 5;

// ---- Key ids the evaluator computes itself ----
export const KEY_CURRENT_TIME = 0;
export const KEY_EPOCH_TIME = 1;
export const KEY_RESOURCE_ACCOUNT = 2;
export const KEY_RESOURCE_ORG_ID = 3;
export const KEY_RESOURCE_ORG_PATHS = 4;
export const KEY_PRINCIPAL_ORG_ID = 5;
export const KEY_PRINCIPAL_ORG_PATHS = 6;
export const KEY_FIRST_FREE = 7;

// ---- Service id of an action service the image does not know ----
export const SERVICE_UNKNOWN = 0xffffffff;
