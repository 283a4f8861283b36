import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldErrorDto } from './error-body.dto';

function flatten(errors: ValidationError[], prefix = ''): FieldErrorDto[] {
  return errors.flatMap((e) => {
    // Array items come back as properties "0", "1"…: name them like domain errors do, classes[0].code.
    const field = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
    // A missing value fails whichever check class-validator runs first (often a length or range):
    // say it is missing. (Optional fields are skipped when missing, so only required ones get here.)
    const missing = (e.value === undefined || e.value === null) && e.constraints && !e.constraints.whitelistValidation;
    const own = missing
      ? [{ field, constraint: 'required', message: `${field} is required` }]
      : Object.entries(e.constraints ?? {}).map(([constraint, message]) => ({ field, constraint, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Unknown fields are rejected (a typo never silently drops a value) and every failure names
 * its field and constraint. Query strings are transformed to the DTO's types.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const unknown = fieldErrors.every((f) => f.constraint === 'whitelistValidation');
      const first = fieldErrors[0];
      return new BadRequestException({
        code: unknown ? 'VALIDATION.UNKNOWN_FIELD' : 'VALIDATION.INVALID_FIELD',
        message: first ? first.message : 'invalid request',
        field: first?.field,
        errors: fieldErrors,
      });
    },
  });
}
