import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { DomainError, DomainErrorKind } from '@app/kernel';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'HTTP.ROUTE_NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

interface Body {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  [key: string]: unknown;
}

/** PostgreSQL errors that are the caller's fault (a race lost to a constraint), not ours. */
function fromDatabase(driverError: unknown): Body | null {
  const code = (driverError as { code?: string } | undefined)?.code;
  if (code === '23505')
    return {
      statusCode: 409,
      code: 'CONFLICT.DUPLICATE',
      message: 'a record with the same key already exists',
    };
  if (code === '40001' || code === '40P01') {
    return {
      statusCode: 409,
      code: 'CONFLICT.CONCURRENT_UPDATE',
      message: 'a concurrent change conflicted with this one; retry',
    };
  }
  if (code === '22003')
    return {
      statusCode: 400,
      code: 'VALIDATION.OUT_OF_RANGE',
      message: 'a number is out of range',
    };
  // Text PostgreSQL cannot store: a NUL character (\u0000) in a string or a JSON value.
  if (code === '22021' || code === '22P05')
    return {
      statusCode: 400,
      code: 'VALIDATION.INVALID_TEXT',
      message: 'text must not contain NUL (\\u0000) characters',
    };
  return null;
}

/** Fastify's own refusals of a request, before any handler runs: a body over the limit, a bad Content-Length. */
function fromFastify(exception: unknown): Body | null {
  const { code, statusCode } = (exception ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_ERR') || typeof statusCode !== 'number') return null;
  if (statusCode === 413) return { statusCode, code: 'REQUEST.TOO_LARGE', message: 'the request body is too large' };
  if (statusCode >= 400 && statusCode < 500) {
    return { statusCode, code: CODE_BY_STATUS[statusCode] ?? `HTTP.${statusCode}`, message: 'the request could not be read' };
  }
  return null;
}

/** The one place that turns failures into HTTP responses with a stable `code`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res: unknown = ctx.getResponse();
    const req = ctx.getRequest<{ id?: string }>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error({ err: exception, requestId: req.id }, 'unhandled error');
    const http = this.adapterHost.httpAdapter;
    if (http.isHeadersSent(res)) return;
    http.reply(res, { ...body, requestId: req.id }, body.statusCode);
  }

  toBody(exception: unknown): Body {
    if (exception instanceof DomainError) {
      const { field, ...details } = exception.details ?? {};
      return {
        statusCode: STATUS_BY_KIND[exception.kind],
        code: exception.code,
        message: exception.message,
        ...(typeof field === 'string' ? { field } : {}),
        ...(Object.keys(details).length > 0 ? { details } : {}),
      };
    }
    if (exception instanceof ThrottlerException) {
      return { statusCode: 429, code: 'RATE_LIMITED', message: 'too many requests; slow down' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const extra =
        typeof response === 'object' && response !== null
          ? (response as Record<string, unknown>)
          : {};
      const code =
        typeof extra.code === 'string' ? extra.code : (CODE_BY_STATUS[status] ?? `HTTP.${status}`);
      const message = typeof extra.message === 'string' ? extra.message : exception.message;
      const { statusCode: _s, error: _e, message: _m, code: _c, ...rest } = extra;
      return { statusCode: status, code, message, ...rest };
    }
    const refusal = fromFastify(exception);
    if (refusal) return refusal;
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabase(exception.driverError);
      if (mapped) return mapped;
    }
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error' };
  }
}
