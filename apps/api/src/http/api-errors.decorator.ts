import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ErrorBodyDto } from './error-body.dto';

/** Documents the error responses an endpoint can give, all with the ErrorBodyDto shape. */
export function ApiErrors(...statuses: (400 | 404 | 409 | 422)[]) {
  const map = {
    400: ApiBadRequestResponse({ type: ErrorBodyDto, description: 'invalid input (code VALIDATION.* or a domain code)' }),
    404: ApiNotFoundResponse({ type: ErrorBodyDto, description: 'not found, or not visible to this token' }),
    409: ApiConflictResponse({ type: ErrorBodyDto, description: 'conflicts with the current state' }),
    422: ApiUnprocessableEntityResponse({ type: ErrorBodyDto, description: 'well-formed but breaks a business rule' }),
  };
  return applyDecorators(...statuses.map((s) => map[s]));
}
