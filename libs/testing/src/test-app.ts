import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role, SYSTEM_ACTOR, TokenService } from '@app/access';
import { validateEnv } from '@app/runtime';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { TestDatabase, createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  dataSource: DataSource;
  adminToken: string;
  /** Every route Nest registered, as "METHOD /path/:param" (not the HEAD routes Fastify adds for GET). */
  routes: string[];
  /** supertest against the app, with a bearer token. */
  as(token: string | null): TestClient;
  issueToken(role: Role, organisationId?: string): Promise<string>;
  close(): Promise<void>;
}

type Method = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete';
export type TestClient = Record<Method, (path: string) => request.Test>;

export interface TestAppOptions {
  withWorker?: boolean;
  env?: Record<string, string>;
}

/**
 * The real API on a database of its own (cloned from the migrated template), with the real
 * queue backend: BullMQ on PostgreSQL, or on Redis when REDIS_URL is set (own prefix per file).
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `ipltest-${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    RUN_MIGRATIONS: 'false',
    ...options.env,
  });
  const env = validateEnv(process.env);
  const app = await createApiApp(env, { withWorker: options.withWorker ?? false });
  const routes: string[] = [];
  app.getHttpAdapter().getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push(`${method} ${route.url}`);
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const tokens = app.get(TokenService);
  const issueToken = async (role: Role, organisationId?: string) =>
    (await tokens.issue(SYSTEM_ACTOR, { label: `test ${role}`, role, organisationId })).secret;
  const adminToken = await issueToken('admin');
  const server = app.getHttpServer();
  const as = (token: string | null): TestClient => {
    const wrap =
      (method: Method) =>
      (path: string): request.Test => {
        const req = request(server)[method](path);
        return token ? req.set('Authorization', `Bearer ${token}`) : req;
      };
    return { get: wrap('get'), head: wrap('head'), post: wrap('post'), put: wrap('put'), patch: wrap('patch'), delete: wrap('delete') };
  };
  return {
    app,
    db,
    dataSource: app.get(DataSource),
    adminToken,
    routes,
    as,
    issueToken,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
