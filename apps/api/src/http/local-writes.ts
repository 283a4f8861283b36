import type { IncomingMessage, ServerResponse } from 'node:http';
import onHeaders from 'on-headers';
import { ChangeFeed } from '@app/database';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes for this process's caches: when a request that may have written anything is
 * answered (with a result or an error, by any handler or filter), the caches fed by ChangeFeed
 * are emptied just before its headers go out, so the client's next request never sees an answer
 * from before its own change. Other processes learn of the change from PostgreSQL's NOTIFY a few
 * milliseconds later. Reads pass untouched. (Connect-style middleware rather than a Nest interceptor:
 * a global interceptor costs every request, reads included, an rxjs pipeline and two
 * AsyncResource bindings.)
 */
export function localWrites(feed: ChangeFeed) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (!READS.has(req.method ?? 'GET')) onHeaders(res, () => feed.localChange());
    next();
  };
}
