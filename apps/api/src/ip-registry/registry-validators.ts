import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { normaliseIpc } from '@app/patents';

/** An IPC symbol such as `H01M` or `H01M 10/052` (the space and case are normalised when stored). */
export function IsIpc(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIpc',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normaliseIpc(value) !== null,
        defaultMessage: (args) =>
          `${args?.property} must be an IPC symbol such as "H01M" or "H01M 10/052"`,
      },
    },
    options,
  );
}

/**
 * Optional, but not nullable: a PATCH may leave the field out, never send null for it
 * (`@IsOptional()` would let null through to a NOT NULL column).
 */
export const IsPresentOrAbsent = () =>
  ValidateIf((_o: object, value: unknown) => value !== undefined);

/** Query-string booleans: `true`/`false` (and 1/0); anything else stays as is and fails @IsBoolean. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );
