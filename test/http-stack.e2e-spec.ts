import { TestApp, createTestApp, expectStatus } from '@app/testing';

/**
 * What the HTTP stack itself does for every endpoint (Fastify, with helmet and the request
 * logger as middleware): security headers, the OpenAPI pages, the queue dashboard behind its
 * login, request ids, and how bodies are read.
 */
describe('the HTTP stack (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const basic = (token: string) => `Basic ${Buffer.from(`anyone:${token}`).toString('base64')}`;

  it('sends the security headers on API answers, with a strict Content-Security-Policy', async () => {
    const res = await t.as(t.adminToken).get('/organisations');
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toContain('max-age=');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('serves the OpenAPI pages and their assets, without the policy that would block Swagger UI', async () => {
    const page = await t.as(null).get('/docs/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBeUndefined();
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const bundle = await t.as(null).get('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    const spec = await expectStatus<{ openapi: string; paths: Record<string, unknown> }>(t.as(null).get('/docs-json'), 200);
    expect(spec.paths['/platforms/{platformId}/ledger/entries/batch']).toBeDefined();
  });

  it('keeps the queue dashboard behind an admin or CPO token, sent as the password of basic auth', async () => {
    const anonymous = await t.as(null).get('/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(anonymous.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED' });

    const finance = await t.issueToken('finance');
    const refused = await t.as(null).get('/queues/api/queues').set('Authorization', basic(finance));
    expect(refused.status).toBe(401);

    const page = await t.as(null).get('/queues').set('Authorization', basic(t.adminToken));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toBeUndefined();
    const cpo = await t.issueToken('cpo');
    const queues = await expectStatus<{ queues: { name: string }[] }>(
      t.as(null).get('/queues/api/queues').set('Authorization', basic(cpo)),
      200,
    );
    expect(queues.queues.map((q) => q.name).length).toBeGreaterThan(0);
    // A bearer token works too, for scripts.
    expect((await t.as(t.adminToken).get('/queues/api/queues')).status).toBe(200);
  });

  it('gives every answer a request id: the caller’s X-Request-Id when valid, else a new UUID', async () => {
    const given = await t.as(null).get('/organisations').set('X-Request-Id', 'support-ticket-42');
    expect(given.status).toBe(401);
    expect(given.body).toMatchObject({ requestId: 'support-ticket-42' });
    const replaced = await t.as(null).get('/organisations').set('X-Request-Id', 'not a valid id');
    expect((replaced.body as { requestId: string }).requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads JSON bodies only: an empty or non-JSON body is a validation error, a bare null is malformed', async () => {
    const admin = () => t.as(t.adminToken).post('/organisations');
    const empty = await admin().set('Content-Type', 'application/json').send('');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ code: 'VALIDATION.INVALID_FIELD' });
    const text = await admin().set('Content-Type', 'text/plain').send('name=Acme');
    expect(text.status).toBe(400);
    expect(text.body).toMatchObject({ code: 'VALIDATION.INVALID_FIELD' });
    const bare = await admin().set('Content-Type', 'application/json').send('null');
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ code: 'REQUEST.BODY_NOT_OBJECT' });
    const gzipped = await admin().set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{"name":"Acme","kind":"company"}');
    expect(gzipped.status).toBe(415);
    expect(gzipped.body).toMatchObject({ code: 'REQUEST.UNSUPPORTED_ENCODING' });
    // The same body as proper JSON is taken.
    const created = await expectStatus<{ name: string }>(admin().send({ name: 'Acme 株式会社', kind: 'company', companySize: 'large' }), 201);
    expect(created.name).toBe('Acme 株式会社');
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await t.as(null).head('/health');
    expect(res.status).toBe(200);
    expect(res.text ?? '').toBe('');
  });
});
