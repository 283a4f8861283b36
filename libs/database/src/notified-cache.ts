import { ExpiringCache } from '@app/kernel';
import { ChangeFeed } from './change-feed';

export interface NotifiedCacheOptions {
  /** How long an entry may be reused; 0 (or no feed) turns the cache off. */
  ttlMs: number;
  maxEntries: number;
  /** A notification's payload names the one key to forget (anything else, or '*', forgets all). */
  payloadIsKey?: boolean;
  /** Also emptied by this process's own writes (ChangeFeed.localChange). */
  localWrites?: boolean;
}

/**
 * A per-process cache that must never outlive a change announced on a NOTIFY channel: it answers
 * only while the ChangeFeed is listening on the channel, forgets on every notification and loss,
 * and stores a loaded value only if the channel stayed quiet (and connected) during the load.
 */
export class NotifiedCache<T> {
  private readonly cache: ExpiringCache<T>;
  private subscribed = false;

  constructor(
    private readonly feed: ChangeFeed | undefined,
    private readonly channel: string,
    private readonly options: NotifiedCacheOptions,
  ) {
    this.cache = new ExpiringCache(options.ttlMs, options.maxEntries);
  }

  /** The cached value for `key`, else `load()`'s, kept when `keep(value)` says it may be. */
  async get(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const feed = this.options.ttlMs > 0 ? this.feed : undefined;
    if (!feed) return load();
    const trusted = feed.isListening(this.channel);
    if (trusted) {
      const hit = this.cache.get(key, Date.now());
      if (hit !== undefined) return hit;
    } else {
      this.subscribe(feed);
    }
    const version = feed.version(this.channel);
    const value = await load();
    if (trusted && keep(value) && feed.isListening(this.channel) && feed.version(this.channel) === version) {
      this.cache.set(key, value, Date.now());
    }
    return value;
  }

  clear(): void {
    this.cache.clear();
  }

  private subscribe(feed: ChangeFeed): void {
    if (this.subscribed) return;
    this.subscribed = true;
    feed.listen(this.channel, {
      onChange: (payload) => (this.options.payloadIsKey && payload && payload !== '*' ? this.cache.delete(payload) : this.cache.clear()),
      onLost: () => this.cache.clear(),
      localWrites: this.options.localWrites,
    });
  }
}
