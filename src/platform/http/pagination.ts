import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from './domain-error';
import { isUuid } from './is-uuid';

/** `?limit=&cursor=` on every list. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** The one envelope of every list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset cursors: the sort key of the last item seen, so inserts between pages neither repeat
 * nor skip rows (offsets would).
 */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What a cursor field must hold: an ISO time, a uuid or a whole number that fits an integer column. */
export type CursorField = 'time' | 'uuid' | 'int';
type CursorValues<S extends Record<string, CursorField>> = { [K in keyof S]: S[K] extends 'int' ? number : string };

// As toISOString writes it: other years parse in JavaScript but are out of PostgreSQL's range.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MAX_INT = 2 ** 31 - 1;

function isRealTime(value: string): boolean {
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value && time.getUTCFullYear() >= 1;
}

const CURSOR_CHECKS: Record<CursorField, (value: unknown) => boolean> = {
  // A round trip: JavaScript parses impossible dates (2026-02-30 becomes 2026-03-02), PostgreSQL refuses them.
  time: (value) => typeof value === 'string' && ISO_TIME.test(value) && isRealTime(value),
  uuid: isUuid,
  int: (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_INT,
};

/**
 * Every field is checked against its kind, so a forged or damaged cursor is a 400 rather than a
 * database error (an invalid date or uuid reaching a query) or a silently empty page.
 */
export function decodeCursor<S extends Record<string, CursorField>>(cursor: string | undefined, shape: S): CursorValues<S> | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!value || typeof value !== 'object') throw badCursor();
  const fields = value as Record<string, unknown>;
  if (!Object.entries(shape).every(([name, kind]) => CURSOR_CHECKS[kind](fields[name]))) throw badCursor();
  return fields as CursorValues<S>;
}

/**
 * A `(createdAt desc, id desc)` cursor, `{ c: ISO time, i: uuid }`, checked so a forged one is a
 * 400 rather than a database error. Pair it with `timeIdKey` for `toPage`.
 */
export function decodeTimeIdCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const after = decodeCursor(cursor, { c: 'time', i: 'uuid' });
  if (!after) return undefined;
  return { at: new Date(after.c), id: after.i };
}

export const timeIdKey = (row: { createdAt: Date; id: string }) => ({ c: row.createdAt.toISOString(), i: row.id });

function badCursor(): DomainError {
  return new DomainError('PAGINATION.BAD_CURSOR', 400, 'Invalid cursor', 'The cursor is not one this API issued.');
}

/** Fetch `limit + 1` rows, then call this to build the envelope. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  keyOf: (row: Row) => Record<string, string | number>,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
