import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, tap } from 'rxjs';
import { ChangeFeed } from '@app/database';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes for this process's caches: when a request that may have written anything
 * finishes (answered or refused), the caches fed by ChangeFeed are emptied before the response
 * leaves, so the client's next request never sees an answer from before its own change. Other
 * processes learn of the change from PostgreSQL's NOTIFY a few milliseconds later.
 */
@Injectable()
export class LocalWritesInterceptor implements NestInterceptor {
  constructor(private readonly feed: ChangeFeed) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (READS.has(context.switchToHttp().getRequest<Request>().method)) return next.handle();
    const changed = () => this.feed.localChange();
    return next.handle().pipe(tap({ next: changed, error: changed }));
  }
}
