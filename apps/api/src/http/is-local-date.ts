import { ValidateBy, ValidationOptions } from 'class-validator';
import { isLocalDate } from '@app/kernel';

/** A real calendar date written YYYY-MM-DD (2027-02-30 is rejected). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => isLocalDate(value),
        defaultMessage: (args) => `${args?.property} must be a date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** A whole number of yen as a decimal string (JSON numbers lose precision past 2^53). */
export const YEN_PATTERN = /^(0|[1-9]\d{0,18})$/;
export const POSITIVE_YEN_PATTERN = /^[1-9]\d{0,18}$/;
