import { ValueTransformer } from 'typeorm';

/** Maps PostgreSQL `bigint` (which `pg` returns as a string) to JS `bigint` and back. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

/** `date` columns stay `YYYY-MM-DD` strings: a business date has no time zone. */
export const dateColumn = { type: 'date' as const };
