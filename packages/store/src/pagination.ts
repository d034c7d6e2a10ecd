// Cursor pagination helpers: page size limits and opaque keyset cursors.

import { sql, type RawBuilder } from 'kysely';
import { InvalidInputError } from './errors.ts';
import type { Page } from './types.ts';

/** Default page size. */
export const DEFAULT_PAGE_SIZE = 100;
/** Largest page size. */
export const MAX_PAGE_SIZE = 1000;

/** The page size and the key to start after, from list options. */
export function pageParams(options: { cursor?: string; limit?: number } | undefined): { limit: number; after?: string } {
  const limit = options?.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new InvalidInputError(`limit \`${String(limit)}\` must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  if (options?.cursor === undefined) return { limit };
  return { limit, after: decodeCursor(options.cursor) };
}

/** Turns `limit + 1` fetched rows into a page; the cursor is the last returned row's key. */
export function makePage<R, T>(rows: R[], limit: number, keyOf: (r: R) => string, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const page: Page<T> = { items: kept.map(map) };
  if (more) page.nextCursor = encodeCursor(keyOf(kept[kept.length - 1]));
  return page;
}

function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k?: unknown };
    if (typeof v.k === 'string') return v.k;
  } catch {
    // fall through
  }
  throw new InvalidInputError(`cursor \`${cursor}\` is not valid`);
}

/** A portable "column starts with prefix" condition (no LIKE: SQLite's is case-insensitive, and `%`/`_` need escaping). */
export function hasPrefix(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${sql.lit(prefix.length)}) = ${prefix}`;
}
