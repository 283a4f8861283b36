import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import bytes from 'bytes';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { TokenService } from '@app/access';
import { ChangeFeed } from '@app/database';
import { Env } from '@app/runtime';
import { ApiModule } from './api.module';
import { requestIdOf } from './http/http-logger';
import { localWrites } from './http/local-writes';
import { guardQueuesDashboard } from './http/queues-dashboard';
import { createValidationPipe } from './http/validation';

const compressed = () =>
  new UnsupportedMediaTypeException({ code: 'REQUEST.UNSUPPORTED_ENCODING', message: 'compressed request bodies are not accepted; send plain JSON' });
const malformed = () =>
  new BadRequestException({ code: 'REQUEST.MALFORMED_JSON', message: 'the request body is not valid JSON' });
const notAnObject = () =>
  new BadRequestException({ code: 'REQUEST.BODY_NOT_OBJECT', message: 'the request body must be a JSON object' });

/**
 * JSON bodies: every endpoint takes an object, so valid JSON that is not one (an array, a bare
 * string, number or null) is refused as such rather than validated field by field; an empty body
 * is `{}`, other content types are not read. Compressed bodies (Content-Encoding) are refused
 * with 415. Failures become the usual error shape through the exception filter.
 */
function jsonBodies(instance: FastifyInstance, limit: number) {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: limit }, (req, body, done) => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return done(compressed(), undefined);
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, {});
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return done(malformed(), undefined);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return done(notAnObject(), undefined);
    done(null, value);
  });
  // Any other type: the body is left unread, as before, and validation says what is missing.
  instance.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
}

export function configureApp(app: NestFastifyApplication): void {
  const docsOrDashboard = /^\/(docs|queues)(\/|$|-json|\?)/;
  const strict = helmet();
  const relaxed = helmet({ contentSecurityPolicy: false });
  app.use((req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) =>
    (docsOrDashboard.test(req.url ?? '') ? relaxed : strict)(req, res, next),
  );
  app.use(localWrites(app.get(ChangeFeed)));
  guardQueuesDashboard(app.getHttpAdapter().getInstance(), app.get(TokenService));
  app.useGlobalPipes(createValidationPipe());

  const config = new DocumentBuilder()
    .setTitle('IP Pool Ledger')
    .setDescription(
      'Consortium IP pool: platforms, members, projects and policy; the IP fund ledger; patents, costs and entitlements. ' +
        'Authenticate with `Authorization: Bearer <token>`. Money is whole yen written as decimal strings; rates are basis points. ' +
        'Every error has a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

export async function createApiApp(env: Env, options: { withWorker: boolean }): Promise<NestFastifyApplication> {
  // BODY_LIMIT ("512kb", "1mb"; checked by the env schema) read as body-parser read it.
  const limit = bytes.parse(env.BODY_LIMIT) ?? 1024 * 1024;
  const adapter = new FastifyAdapter({ bodyLimit: limit, trustProxy: 'loopback', genReqId: requestIdOf, logger: false });
  jsonBodies(adapter.getInstance(), limit);
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.register({ ...options, worker: env }), adapter, {
    // Bodies are read by jsonBodies above, not by Nest's default parsers.
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  configureApp(app);
  return app;
}
