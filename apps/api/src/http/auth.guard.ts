import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { Actor, Role, TokenService } from '@app/access';
import { DomainError } from '@app/kernel';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

export function bearerOf(req: { headers: IncomingHttpHeaders }): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const [scheme, value] = header.split(' ');
  if (scheme?.toLowerCase() === 'bearer' && value) return value.trim();
  // Browsers (the queue dashboard) send the token as the password of HTTP basic auth.
  if (scheme?.toLowerCase() === 'basic' && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) || null;
  }
  return null;
}

/** Every endpoint needs a valid token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; actor?: Actor; id?: string }>();
    const secret = bearerOf(req);
    const token = secret ? await this.tokens.authenticate(secret) : null;
    if (!token) {
      throw new DomainError('AUTH.UNAUTHENTICATED', 'a valid bearer token is required', 'unauthenticated');
    }
    req.actor = {
      tokenId: token.id,
      role: token.role,
      label: token.label,
      organisationId: token.organisationId,
      requestId: typeof req.id === 'string' ? req.id : undefined,
    };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(token.role)) {
      throw DomainError.forbidden('AUTH.ROLE_NOT_ALLOWED', `role ${token.role} may not do this`, { allowed: roles });
    }
    return true;
  }
}
