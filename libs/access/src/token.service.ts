import { hash as digest, randomBytes } from 'node:crypto';
import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeFeed, NotifiedCache } from '@app/database';
import { DomainError } from '@app/kernel';
import { Actor, SYSTEM_ACTOR } from './actor';
import { ApiToken } from './api-token.entity';
import { AuditService } from './audit.service';
import { Role } from './role';

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

/** SHA-256 of a secret, hex (crypto.hash: one call, about twice as fast as createHash for a token). */
function hash(secret: string): string {
  return digest('sha256', secret, 'hex');
}

/**
 * API keys: random 256-bit secrets, stored as SHA-256 hashes (a leaked table grants nothing).
 *
 * Checking a token costs a database round trip, so each API process keeps the tokens it has
 * checked for TOKEN_CACHE_SECONDS. Revocation stays immediate on every replica: a trigger on
 * api_tokens NOTIFYs every change, each process hears it through its ChangeFeed and forgets the
 * token, and the cache is only used while the feed is listening (ADR 0005).
 */
@Injectable()
export class TokenService {
  private readonly cache: NotifiedCache<AuthenticatedToken | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Optional() feed?: ChangeFeed,
    @Optional() config?: ConfigService,
  ) {
    this.cache = new NotifiedCache(feed, TOKEN_CHANGES_CHANNEL, {
      ttlMs: (config?.get<number>('TOKEN_CACHE_SECONDS') ?? 0) * 1000,
      maxEntries: 10_000,
      payloadIsKey: true,
    });
  }

  /** Runs on every request: the process's cache while token changes reach it, else one indexed lookup. */
  async authenticate(secret: string): Promise<AuthenticatedToken | null> {
    if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
    const tokenHash = hash(secret);
    return this.cache.get(
      tokenHash,
      async () => {
        const rows = await this.dataSource.query<AuthenticatedToken[]>(
          `SELECT id, role, label, organisation_id AS "organisationId" FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
          [Buffer.from(tokenHash, 'hex')],
        );
        return rows[0] ?? null;
      },
      (token) => token !== null,
    );
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
        tokenHash: Buffer.from(hash(secret), 'hex'),
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
