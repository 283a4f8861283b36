import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdSerializers } from 'pino';
import type { Options } from 'pino-http';

/** What every log line about a request says of it. Headers (bearer tokens among them) never are. */
export function requestSummary(req: IncomingMessage & { id?: unknown }) {
  return { id: req.id, method: req.method, url: req.url, remoteAddress: req.socket?.remoteAddress };
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
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    wrapSerializers: false,
    serializers: { req: requestSummary, res: stdSerializers.res, err: stdSerializers.err },
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
    // Refusals at warn and failures at error, so LOG_LEVEL=warn keeps them and drops only successes.
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  };
}
