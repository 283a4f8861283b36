import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  hits: number;
  /** When the current window ends (ms since the epoch). */
  endsAt: number;
  /** Until when the key is refused (0: not blocked). */
  blockedUntil: number;
}

/**
 * In-process rate-limit counters (used when REDIS_URL is not set): a fixed window per key and
 * throttler, O(1) per request. The library's own memory store keeps one timestamp per hit and
 * filters them on every request, so its cost grows with the limit — at a high limit under load
 * it became a visible share of every request. Semantics as the library's: more than `limit` hits
 * in a window blocks the key for `blockDuration` ms.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = this.now();
    this.sweep(now);
    const id = `${throttlerName}:${key}`;
    let w = this.windows.get(id);
    if (!w || (w.endsAt <= now && w.blockedUntil <= now)) {
      w = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    if (w.blockedUntil > now) {
      return Promise.resolve({ totalHits: w.hits, timeToExpire: seconds(w.endsAt - now), isBlocked: true, timeToBlockExpire: seconds(w.blockedUntil - now) });
    }
    w.hits++;
    if (w.hits > limit) {
      w.blockedUntil = now + blockDuration;
      w.endsAt = Math.max(w.endsAt, w.blockedUntil);
      return Promise.resolve({ totalHits: w.hits, timeToExpire: seconds(w.endsAt - now), isBlocked: true, timeToBlockExpire: seconds(blockDuration) });
    }
    return Promise.resolve({ totalHits: w.hits, timeToExpire: seconds(w.endsAt - now), isBlocked: false, timeToBlockExpire: 0 });
  }

  /** Forgets finished windows once a minute, so the map holds only keys seen recently. */
  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [id, w] of this.windows) if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
  }
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));
