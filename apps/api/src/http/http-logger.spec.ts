import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pinoHttp from 'pino-http';
import { httpLoggerOptions } from './http-logger';

/** A stream that keeps the log lines written to it. */
function logSink(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, sink };
}

describe('httpLoggerOptions', () => {
  it('logs each finished request with its id, method, URL and client address, and never its headers', async () => {
    const { lines, sink } = logSink();
    const logger = pinoHttp(httpLoggerOptions('info'), sink);
    const server = createServer((req, res) => {
      logger(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const base = `http://127.0.0.1:${port}`;
      await fetch(`${base}/platforms/p1/rights?purpose=research`, {
        headers: { Authorization: 'Bearer ipl_secret_token_value', Cookie: 'session=abc', 'X-Request-Id': 'req-42' },
      });
      await fetch(`${base}/health`);
      await fetch(`${base}/ledger`, { method: 'POST', headers: { 'X-Request-Id': 'bad id with spaces' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    const logged = lines.map((l) => JSON.parse(l) as { req: Record<string, unknown>; res: { statusCode: number } });
    // /health is not logged; the invalid X-Request-Id is replaced by a UUID.
    expect(logged.map((l) => [l.req.method, l.req.url, l.res.statusCode])).toEqual([
      ['GET', '/platforms/p1/rights?purpose=research', 200],
      ['POST', '/ledger', 200],
    ]);
    expect(logged[0].req).toEqual({ id: 'req-42', method: 'GET', url: '/platforms/p1/rights?purpose=research', remoteAddress: '127.0.0.1' });
    expect(logged[1].req.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(lines.join('\n')).not.toMatch(/ipl_secret_token_value|session=abc|authorization|cookie/i);
  });

  it('logs the URL the client asked for when middleware mounting has rewritten req.url (Fastify middie keeps it in originalUrl)', async () => {
    const { lines, sink } = logSink();
    const logger = pinoHttp(httpLoggerOptions('info'), sink);
    const server = createServer((req, res) => {
      // What middie does to a middleware mounted at a prefix.
      Object.assign(req, { originalUrl: req.url, url: '/' });
      logger(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await fetch(`http://127.0.0.1:${port}/platforms/p1/ledger/entries`, { method: 'POST' });
      await fetch(`http://127.0.0.1:${port}/health`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    // /health is still recognised, and not logged.
    expect(lines.map((l) => (JSON.parse(l) as { req: { url: string } }).req.url)).toEqual(['/platforms/p1/ledger/entries']);
  });

  it('logs a success at info, a refusal at warn and a failure at error, so LOG_LEVEL=warn keeps only the last two', async () => {
    const levels = async (level: string) => {
      const { lines, sink } = logSink();
      const logger = pinoHttp(httpLoggerOptions(level), sink);
      const server = createServer((req, res) => {
        logger(req, res);
        res.statusCode = Number(req.url?.slice(1));
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        for (const status of [200, 404, 500]) await fetch(`http://127.0.0.1:${port}/${status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        server.close();
      }
      return lines.map((l) => JSON.parse(l) as { level: number; res: { statusCode: number } }).map((l) => [l.res.statusCode, l.level]);
    };
    expect(await levels('info')).toEqual([
      [200, 30],
      [404, 40],
      [500, 50],
    ]);
    expect(await levels('warn')).toEqual([
      [404, 40],
      [500, 50],
    ]);
  });
});
