import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdSerializers } from 'pino';
import type { Options } from 'pino-http';

/** A request's id: a valid `X-Request-Id` it came with, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/** What every log line about a request says of it. Headers (bearer tokens among them) never are. */
export function requestSummary(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  return { id: req.id, method: req.method, url: urlOf(req), remoteAddress: req.socket?.remoteAddress };
}

/**
 * The URL the client asked for. Middleware runs under Fastify's middie, which rewrites `req.url`
 * relative to where the middleware is mounted and keeps the original in `originalUrl`.
 */
function urlOf(req: IncomingMessage & { originalUrl?: string }): string | undefined {
  return req.originalUrl ?? req.url;
}

/**
 * pino-http for the API: one JSON line per finished request (not for /health and /metrics) — at
 * info, warn for a 4xx, error for a 5xx — with the request id (a valid `X-Request-Id` is kept, else a new UUID). The library's default request
 * serializer copied and redacted every header into each request's logger up front, on every
 * request, whether or not anything was then logged; this one keeps four fields.
 */
export function httpLoggerOptions(level: string): Options {
  return {
    level,
    // Fastify gave the request its id (requestIdOf) before the logger sees it.
    genReqId: (req: IncomingMessage & { id?: unknown }) => (typeof req.id === 'string' ? req.id : requestIdOf(req)),
    wrapSerializers: false,
    serializers: { req: requestSummary, res: stdSerializers.res, err: stdSerializers.err },
    autoLogging: { ignore: (req: IncomingMessage) => urlOf(req) === '/health' || urlOf(req) === '/metrics' },
    // Refusals at warn and failures at error, so LOG_LEVEL=warn keeps them and drops only successes.
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
}
