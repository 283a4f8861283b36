import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from './actor';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  platformId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  platformId?: string;
  entityType?: string;
  entityId?: string;
  limit: number;
  beforeId?: string;
}

/** JSON snapshots for the audit log: bigints become strings, dates ISO strings. */
function snapshot(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a change inside the caller's transaction, so the change and its trace commit together. */
  async record(em: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    await em.insert(AuditEntry, {
      actorTokenId: actor.tokenId,
      actorRole: actor.role,
      actorLabel: actor.label,
      requestId: actor.requestId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      platformId: entry.platformId ?? null,
      before: snapshot(entry.before) as object | null,
      after: snapshot(entry.after) as object | null,
    });
  }

  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(query.limit);
    if (query.platformId) qb.andWhere('a.platform_id = :platformId', { platformId: query.platformId });
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: query.beforeId });
    return qb.getMany();
  }
}
