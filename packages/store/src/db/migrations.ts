// Versioned schema migrations, run on every start (Kysely Migrator; already-applied ones are skipped).

import { Migrator, type Kysely, type Migration } from 'kysely';
import type { DB } from './schema.ts';

type Dialect = 'sqlite' | 'postgres';

/** The initial schema: every entity table, the change log and the audit log. */
function initial(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      const s = db.schema;
      await s.createTable('store_meta')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('revision', 'bigint', (c) => c.notNull())
        .addColumn('log_floor', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('store_meta').values({ id: 1, revision: 0, log_floor: 0 }).execute();
      await s.createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text')
        .addColumn('parent_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await s.createIndex('accounts_parent').on('accounts').column('parent_id').execute();
      await s.createTable('organization')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('management_account_id', 'text', (c) => c.notNull())
        .addColumn('root_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await s.createTable('ous')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.notNull())
        .addColumn('depth', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('ous_sibling_name', ['parent_id', 'name_key'])
        .execute();
      await s.createTable('org_attachments')
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('policy_arn', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('org_attachments_pk', ['target_id', 'policy_arn'])
        .execute();
      await s.createIndex('org_attachments_policy').on('org_attachments').column('policy_arn').execute();
      await s.createTable('policies')
        .addColumn('arn', 'text', (c) => c.primaryKey())
        .addColumn('policy_id', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('default_version', 'text', (c) => c.notNull())
        .addColumn('next_version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('policies_name', ['kind', 'account_id', 'name_key'])
        .execute();
      await s.createTable('policy_versions')
        .addColumn('policy_arn', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull())
        .addColumn('version_num', 'integer', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('policy_versions_pk', ['policy_arn', 'version_id'])
        .execute();
      for (const [table, idCol] of [['iam_users', 'user_id'], ['iam_groups', 'group_id'], ['iam_roles', 'role_id']] as const) {
        let t = s.createTable(table)
          .addColumn('arn', 'text', (c) => c.primaryKey())
          .addColumn(idCol, 'text', (c) => c.notNull().unique())
          .addColumn('account_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('name_key', 'text', (c) => c.notNull())
          .addColumn('path', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull());
        if (table !== 'iam_groups') t = t.addColumn('boundary', 'text').addColumn('tags', 'text', (c) => c.notNull());
        if (table === 'iam_roles') {
          t = t.addColumn('description', 'text')
            .addColumn('trust_policy', 'text', (c) => c.notNull())
            .addColumn('max_session', 'integer', (c) => c.notNull())
            .addColumn('service_linked', 'integer', (c) => c.notNull());
        }
        await t.addUniqueConstraint(`${table}_name`, ['account_id', 'name_key']).execute();
      }
      await s.createTable('memberships')
        .addColumn('user_arn', 'text', (c) => c.notNull())
        .addColumn('group_arn', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['user_arn', 'group_arn'])
        .execute();
      await s.createIndex('memberships_group').on('memberships').column('group_arn').execute();
      await s.createTable('inline_policies')
        .addColumn('owner_arn', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('inline_policies_pk', ['owner_arn', 'name'])
        .execute();
      await s.createTable('attachments')
        .addColumn('owner_arn', 'text', (c) => c.notNull())
        .addColumn('policy_arn', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('attachments_pk', ['owner_arn', 'policy_arn'])
        .execute();
      await s.createIndex('attachments_policy').on('attachments').column('policy_arn').execute();
      await s.createTable('resources')
        .addColumn('arn', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text')
        .addColumn('policy', 'text')
        .addColumn('tags', 'text', (c) => c.notNull())
        .execute();
      await s.createTable('access_keys')
        .addColumn('access_key_id', 'text', (c) => c.primaryKey())
        .addColumn('user_arn', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('user_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('last_used_service', 'text')
        .execute();
      await s.createIndex('access_keys_user').on('access_keys').column('user_arn').execute();
      await s.createTable('change_log')
        .addColumn('revision', 'bigint', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('change_log_pk', ['revision', 'seq'])
        .execute();
      await s.createTable('audit_log')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement())
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('caller', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('source_ip', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('revision', 'bigint')
        .addColumn('parameters', 'text')
        .execute();
      await s.createIndex('audit_log_time').on('audit_log').column('time').execute();
    },
  };
}

/** All migrations in order; append new ones, never edit applied ones. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return { '0001_initial': initial(dialect) };
}

/** Attempts at migrating when another session's schema vanished under Kysely's catalog scan (see `migrate`). */
const CATALOG_RACE_ATTEMPTS = 5;
const CATALOG_RACE_DELAY_MS = 50;

/** Brings the schema to the latest version (PostgreSQL: in `schema`); throws with the failing migration's error. */
export async function migrate(db: Kysely<DB>, dialect: Dialect, schema?: string): Promise<void> {
  const list = migrations(dialect);
  // Kysely's migrator looks for its own tables across all schemas unless told which one (PostgreSQL).
  const migrator = new Migrator({ db, provider: { getMigrations: async () => list }, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator.migrateToLatest();
    if (!error) return;
    // Kysely checks for its tables by listing every table of the database and resolving each one's name; a schema
    // that another session drops meanwhile fails that lookup (invalid_schema_name) though ours is untouched.
    // Migrations are idempotent (applied ones are skipped), so trying again is safe.
    if (isVanishedSchema(error, schema) && attempt < CATALOG_RACE_ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, CATALOG_RACE_DELAY_MS * attempt));
      continue;
    }
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`store migration \`${failed}\` failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  }
}

/** PostgreSQL's invalid_schema_name about a schema other than ours. */
function isVanishedSchema(error: unknown, schema: string | undefined): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '3F000' && typeof e.message === 'string' && (schema === undefined || !e.message.includes(`"${schema}"`));
}
