import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ChangeFeed } from '@app/database';
import { Env } from '@app/runtime';
import { ApiModule } from './api.module';
import { localWrites } from './http/local-writes';
import { createValidationPipe } from './http/validation';

/** body-parser failures become the same JSON error shape as everything else. */
function bodyErrors(err: { type?: string; status?: number } | undefined, req: Request & { id?: string }, res: Response, next: NextFunction) {
  if (!err) return next();
  const byType: Record<string, [number, string, string]> = {
    'entity.parse.failed': [400, 'REQUEST.MALFORMED_JSON', 'the request body is not valid JSON'],
    'entity.too.large': [413, 'REQUEST.TOO_LARGE', 'the request body is too large'],
    'encoding.unsupported': [415, 'REQUEST.UNSUPPORTED_ENCODING', 'unsupported content encoding'],
    'charset.unsupported': [415, 'REQUEST.UNSUPPORTED_CHARSET', 'unsupported charset'],
  };
  const known = err.type ? byType[err.type] : undefined;
  if (!known) return next(err);
  const [statusCode, code, message] = known;
  res.status(statusCode).json({ statusCode, code, message, requestId: req.id });
}

export function configureApp(app: INestApplication, env: Env): void {
  const docsOrDashboard = /^\/(docs|queues)(\/|$|-json)/;
  const strict = helmet();
  const relaxed = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) => (docsOrDashboard.test(req.path) ? relaxed : strict)(req, res, next));
  app.use(express.json({ limit: env.BODY_LIMIT }));
  app.use(bodyErrors);
  app.use(localWrites(app.get(ChangeFeed)));
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

export async function createApiApp(env: Env, options: { withWorker: boolean }): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.register({ ...options, worker: env }), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  configureApp(app, env);
  return app;
}
