import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** Distinct client addresses remembered with their normalised form before the memo starts over. */
const TRACKERS_REMEMBERED = 10_000;

/**
 * The library's guard with two per-request costs taken out (same limits, same headers, same
 * 429): the counter key is the plain `throttler:Class.handler:client` string instead of its
 * SHA-256 (the in-process counters and Redis both take any string), and each client address is
 * normalised (IPv6 to its /64 subnet) once, not on every request.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  private readonly trackers = new Map<string, string>();

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const ip = typeof req.ip === 'string' ? req.ip : '';
    const known = this.trackers.get(ip);
    if (known !== undefined) return known;
    const tracker = await super.getTracker(req);
    if (this.trackers.size >= TRACKERS_REMEMBERED) this.trackers.clear();
    this.trackers.set(ip, tracker);
    return tracker;
  }

  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
  }
}
