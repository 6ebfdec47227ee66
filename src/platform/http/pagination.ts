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

export function decodeCursor<T extends Record<string, string | number>>(
  cursor: string | undefined,
  fields: (keyof T)[],
): T | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
    if (value && typeof value === 'object' && fields.every((f) => f in value)) return value;
  } catch {
    // fall through to the problem below
  }
  throw badCursor();
}

/**
 * A `(createdAt desc, id desc)` cursor, `{ c: ISO time, i: uuid }`, checked so a forged one is a
 * 400 rather than a database error. Pair it with `timeIdKey` for `toPage`.
 */
export function decodeTimeIdCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const after = decodeCursor<{ c: string; i: string }>(cursor, ['c', 'i']);
  if (!after) return undefined;
  if (!isUuid(after.i) || Number.isNaN(Date.parse(after.c))) throw badCursor();
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
