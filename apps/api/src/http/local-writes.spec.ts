import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeFeed } from '@app/database';
import { localWrites } from './local-writes';

describe('localWrites', () => {
  it("empties the process's caches before the response to a write goes out (answered or refused), never for reads", async () => {
    const changes: string[] = [];
    const feed = { localChange: () => changes.push('cleared') } as unknown as ChangeFeed;
    const middleware = localWrites(feed);
    const server = createServer((req, res) => {
      middleware(req, res, () => {
        // The handler: a refused write answers 409, everything else 200.
        changes.push(`handled ${req.method}`);
        res.statusCode = req.url === '/refused' ? 409 : 200;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const seen: string[][] = [];
    try {
      for (const [method, path] of [['GET', '/x'], ['HEAD', '/x'], ['POST', '/x'], ['PUT', '/refused'], ['DELETE', '/x']]) {
        changes.length = 0;
        const res = await fetch(`${base}${path}`, { method });
        // What had happened when the client got its answer.
        seen.push([method, String(res.status), ...changes]);
      }
    } finally {
      server.close();
    }
    expect(seen).toEqual([
      ['GET', '200', 'handled GET'],
      ['HEAD', '200', 'handled HEAD'],
      ['POST', '200', 'handled POST', 'cleared'],
      ['PUT', '409', 'handled PUT', 'cleared'],
      ['DELETE', '200', 'handled DELETE', 'cleared'],
    ]);
  });
});
