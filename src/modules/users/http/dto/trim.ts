import type { TransformFnParams } from 'class-transformer';

/** Leading and trailing spaces in names and emails are never meant. */
export const trimmed = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim() : value;
