import { SetMetadata, createParamDecorator, ExecutionContext, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor, Role } from '@app/access';
import { ErrorBodyDto } from './error-body.dto';

export const PUBLIC_KEY = 'ipl:public';
export const ROLES_KEY = 'ipl:roles';

/** No token needed (health checks, the public commons). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call the endpoint; others get 403 (members: 404 where an id is involved). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ type: ErrorBodyDto, description: 'missing, unknown or revoked token' }),
    ApiForbiddenResponse({ type: ErrorBodyDto, description: `role not allowed (allowed: ${roles.join(', ')})` }),
  );

export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!req.actor) throw new Error('CurrentActor used on a public endpoint');
  return req.actor;
});
