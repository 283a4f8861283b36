import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/kernel';
import { Actor, SYSTEM_ACTOR } from './actor';
import { ApiToken } from './api-token.entity';
import { AuditService } from './audit.service';
import { Role } from './role';
import { TokenCache } from './token-cache';

/** The channel the api_tokens trigger notifies with the hash of a changed token ('*' = all). */
export const TOKEN_CHANGES_CHANNEL = 'ipl_api_tokens';

const TOKEN_PREFIX = 'ipl_';

export interface NewToken {
  label: string;
  role: Role;
  organisationId?: string | null;
}

export interface AuthenticatedToken {
  id: string;
  role: Role;
  label: string;
  organisationId: string | null;
}

export interface IssuedToken {
  token: ApiToken;
  /** The secret, shown once: only its SHA-256 hash is stored. */
  secret: string;
}

function hash(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/**
 * API keys: random 256-bit secrets, stored as SHA-256 hashes (a leaked table grants nothing).
 *
 * Checking a token costs a database round trip, so each API process keeps the tokens it has
 * checked for TOKEN_CACHE_SECONDS. Revocation stays immediate on every replica: a trigger on
 * api_tokens NOTIFYs every change, each process LISTENs on its own connection and forgets the
 * token, and the cache is only used while that connection is up (ADR 0005).
 */
@Injectable()
export class TokenService implements OnModuleDestroy {
  private readonly logger = new Logger(TokenService.name);
  private readonly cache: TokenCache<AuthenticatedToken>;
  private readonly cacheMs: number;
  private listener: Client | null = null;
  /** True only while the LISTEN connection is up: the cache is trusted only then. */
  private listening = false;
  /** Bumped whenever the connection is lost: a read that spans a loss is not cached. */
  private epoch = 0;
  private reconnect: NodeJS.Timeout | null = null;
  private destroyed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Optional() config?: ConfigService,
  ) {
    this.cacheMs = (config?.get<number>('TOKEN_CACHE_SECONDS') ?? 0) * 1000;
    this.cache = new TokenCache(this.cacheMs, 10_000);
  }

  /** Runs on every request: the process's cache while revocations reach it, else one indexed lookup. */
  async authenticate(secret: string): Promise<AuthenticatedToken | null> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
    const digest = hash(secret);
    const key = digest.toString('hex');
    if (this.listening) {
      const cached = this.cache.get(key, Date.now());
      if (cached) return cached;
    } else {
      this.listen();
    }
    const epoch = this.epoch;
    const listeningBefore = this.listening;
    const rows = await this.dataSource.query<AuthenticatedToken[]>(
      `SELECT id, role, label, organisation_id AS "organisationId" FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
      [digest],
    );
    const token = rows[0] ?? null;
    // Cache only what was read while listening, so a revocation between the read and a
    // reconnect cannot be missed (a reconnect clears the cache).
    if (token && listeningBefore && this.listening && epoch === this.epoch) this.cache.set(key, token, Date.now());
    return token;
  }

  /** Starts the LISTEN connection once (lazily: only processes that authenticate need it). */
  private listen(): void {
    if (this.cacheMs === 0 || this.listener || this.reconnect || this.destroyed) return;
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) return;
    const client = new Client({ connectionString: url, application_name: 'ip-pool-ledger token listener' });
    this.listener = client;
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.epoch++;
      this.listening = false;
      this.cache.clear();
      this.listener = null;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (this.destroyed) return;
      if (err) this.logger.warn(`token change listener lost (${err.message}); checking every token in the database until it is back`);
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        this.listen();
      }, 1000);
      this.reconnect.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', (msg) => {
      if (!msg.payload || msg.payload === '*') this.cache.clear();
      else this.cache.delete(msg.payload);
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${TOKEN_CHANGES_CHANNEL}`))
      .then(() => {
        if (this.listener !== client) return;
        this.cache.clear();
        this.listening = true;
      })
      .catch((err: Error) => lost(err));
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    this.listening = false;
    this.cache.clear();
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.listener;
    this.listener = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }

  async issue(actor: Actor, input: NewToken): Promise<IssuedToken> {
    const organisationId = input.organisationId ?? null;
    if (input.role === 'member' && !organisationId) {
      throw DomainError.validation(
        'ACCESS.MEMBER_TOKEN_NEEDS_ORGANISATION',
        'a member token must name its organisation',
        {
          field: 'organisationId',
        },
      );
    }
    if (input.role !== 'member' && organisationId) {
      throw DomainError.validation(
        'ACCESS.ORGANISATION_ONLY_FOR_MEMBER',
        'only member tokens are bound to an organisation',
        {
          field: 'organisationId',
        },
      );
    }
    return this.dataSource.transaction(async (em) => {
      if (organisationId) {
        const found: unknown[] = await em.query('SELECT 1 FROM organisations WHERE id = $1', [
          organisationId,
        ]);
        if (found.length === 0) {
          throw DomainError.notFound(
            'ORGANISATION.NOT_FOUND',
            `organisation ${organisationId} does not exist`,
          );
        }
      }
      return this.insert(em, actor, { label: input.label, role: input.role, organisationId });
    });
  }

  /** Creates the token and its audit entry inside the caller's transaction. */
  private async insert(em: EntityManager, actor: Actor, input: Required<NewToken>): Promise<IssuedToken> {
    const secret = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const saved = await em.save(
      em.create(ApiToken, {
        label: input.label,
        role: input.role,
        organisationId: input.organisationId,
        tokenHash: hash(secret),
        tokenPrefix: secret.slice(0, 10),
        createdByTokenId: actor.tokenId,
      }),
    );
    const { tokenHash: _hidden, ...visible } = saved;
    await this.audit.record(em, actor, {
      action: 'token.issued',
      entityType: 'api_token',
      entityId: saved.id,
      after: visible,
    });
    return { token: saved, secret };
  }

  async list(): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({ order: { createdAt: 'ASC' } });
  }

  async revoke(actor: Actor, id: string): Promise<ApiToken> {
    return this.dataSource.transaction(async (em) => {
      const token = await em.findOne(ApiToken, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token)
        throw DomainError.notFound('ACCESS.TOKEN_NOT_FOUND', `token ${id} does not exist`);
      if (token.revokedAt) return token;
      const before = { ...token };
      token.revokedAt = new Date();
      await em.update(ApiToken, { id }, { revokedAt: token.revokedAt });
      await this.audit.record(em, actor, {
        action: 'token.revoked',
        entityType: 'api_token',
        entityId: id,
        before,
        after: token,
      });
      return token;
    }).finally(() => this.cache.clear()); // this process at once; the others through NOTIFY
  }

  /**
   * On first start with an empty database, issues the first admin token. An advisory lock
   * makes this safe when several API replicas start at once: exactly one of them issues it.
   */
  async issueFirstAdminIfNone(): Promise<string | null> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('ipl.first-admin-token'))`);
      const [{ count }] = await em.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM api_tokens',
      );
      if (count > 0) return null;
      const { secret } = await this.insert(em, SYSTEM_ACTOR, { label: 'first admin', role: 'admin', organisationId: null });
      return secret;
    });
  }
}
