import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

export interface ChangeSubscriber {
  /** A notification on the channel (delivered after the notifying transaction committed). */
  onChange(payload: string): void;
  /** The connection was lost: anything cached on the strength of notifications is now suspect. */
  onLost(): void;
  /**
   * Also told (as onChange('')) when this process may itself have changed something
   * (`localChange`): for caches whose inputs any request may write.
   */
  localWrites?: boolean;
}

const RECONNECT_MS = 1000;

/**
 * One LISTEN connection per process for PostgreSQL NOTIFY channels, used by in-process caches
 * that must never outlive a change (tokens, rights answers). A cache may trust itself only
 * while `isListening(channel)` is true, and may store a value read from the database only if
 * `version(channel)` did not move during the read: it moves on every notification on the channel
 * and every loss, so a read that overlapped a change (or a reconnect) is never cached.
 *
 * The connection opens lazily, on the first `listen()`: processes that never cache never
 * connect. It reconnects every second after a loss, and subscribers are told of each loss.
 */
@Injectable()
export class ChangeFeed implements OnModuleDestroy {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly subscribers = new Map<string, Set<ChangeSubscriber>>();
  private readonly confirmed = new Set<string>();
  private client: Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** Per channel: bumped by its notifications, by every loss and, if asked for, by local changes. */
  private readonly versions = new Map<string, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  version(channel: string): number {
    return this.versions.get(channel) ?? 0;
  }

  private bump(channel: string): void {
    this.versions.set(channel, this.version(channel) + 1);
  }

  isListening(channel: string): boolean {
    return this.confirmed.has(channel);
  }

  /** Subscribes to a channel (a plain identifier) and makes sure the connection is up or coming. */
  listen(channel: string, subscriber: ChangeSubscriber): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    let set = this.subscribers.get(channel);
    if (!set) {
      set = new Set();
      this.subscribers.set(channel, set);
    }
    set.add(subscriber);
    if (this.client && !this.confirmed.has(channel)) this.subscribe(this.client, channel);
    this.connect();
  }

  /**
   * This process has (possibly) changed something: every subscriber drops what it cached and no
   * read in flight may be cached, without waiting for the notification to come back.
   */
  localChange(): void {
    for (const [channel, set] of this.subscribers) {
      const local = [...set].filter((s) => s.localWrites);
      if (local.length === 0) continue;
      this.bump(channel);
      for (const s of local) s.onChange('');
    }
  }

  private connect(): void {
    if (this.client || this.reconnect || this.destroyed) return;
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    const client = new Client({ connectionString: url, application_name: 'ip-pool-ledger change feed', keepAlive: true });
    this.client = client;
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      this.bump(msg.channel);
      for (const s of this.subscribers.get(msg.channel) ?? []) s.onChange(msg.payload ?? '');
    });
    client
      .connect()
      .then(() => {
        for (const channel of this.subscribers.keys()) this.subscribe(client, channel);
      })
      .catch((err: Error) => this.lost(client, err));
  }

  private subscribe(client: Client, channel: string): void {
    client
      .query(`LISTEN ${channel}`)
      .then(() => {
        if (this.client !== client) return;
        // Whatever changed before this point was not heard: subscribers start from empty.
        this.bump(channel);
        for (const s of this.subscribers.get(channel) ?? []) s.onLost();
        this.confirmed.add(channel);
      })
      .catch((err: Error) => this.lost(client, err));
  }

  private lost(client: Client, err: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.confirmed.clear();
    for (const channel of this.subscribers.keys()) this.bump(channel);
    for (const set of this.subscribers.values()) for (const s of set) s.onLost();
    void close(client);
    if (this.destroyed) return;
    this.logger.warn(`change feed lost (${err.message}); caches are bypassed until it is back`);
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      this.connect();
    }, RECONNECT_MS);
    this.reconnect.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    this.confirmed.clear();
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = null;
    if (client) await close(client);
  }
}

/** Ends a connection we no longer listen to, ignoring whatever it says on the way out. */
async function close(client: Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}
