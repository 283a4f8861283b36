import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, LocalDate } from '@app/kernel';
import { Actor, AuditService, isMember } from '@app/access';
import { DerivedKind, JobName, JobProducer, markStale } from '@app/queue';
import { CompanySize, Organisation, OrganisationKind } from './organisation.entity';
import { Membership, MembershipRole } from './membership.entity';

export interface NewOrganisation {
  name: string;
  kind: OrganisationKind;
  companySize?: CompanySize | null;
  country?: string;
}

export interface NewMembership {
  organisationId: string;
  joinedOn: LocalDate;
  role?: MembershipRole;
}

export function organisationNotFound(id: string): DomainError {
  return DomainError.notFound('ORGANISATION.NOT_FOUND', `organisation ${id} does not exist`);
}

export function platformNotFound(id: string): DomainError {
  return DomainError.notFound('PLATFORM.NOT_FOUND', `platform ${id} does not exist`);
}

@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  async createOrganisation(actor: Actor, input: NewOrganisation): Promise<Organisation> {
    const companySize = input.companySize ?? null;
    if ((input.kind === 'company') !== (companySize !== null)) {
      throw DomainError.validation(
        'ORGANISATION.COMPANY_SIZE',
        'companySize is required for companies (large, sme, startup) and only for companies',
        { field: 'companySize' },
      );
    }
    return this.dataSource.transaction(async (em) => {
      const clash = await em.query<{ id: string }[]>('SELECT id FROM organisations WHERE lower(name) = lower($1)', [input.name]);
      if (clash.length > 0) {
        throw DomainError.conflict('ORGANISATION.NAME_TAKEN', `an organisation named "${input.name}" already exists`, {
          existingId: clash[0].id,
        });
      }
      const org = await em.save(
        em.create(Organisation, { name: input.name, kind: input.kind, companySize, country: input.country ?? 'JP' }),
      );
      await this.audit.record(em, actor, { action: 'organisation.created', entityType: 'organisation', entityId: org.id, after: org });
      return org;
    });
  }

  /** Members see only their own organisation; staff see all. */
  async listOrganisations(actor: Actor): Promise<Organisation[]> {
    const repo = this.dataSource.getRepository(Organisation);
    if (isMember(actor)) return repo.find({ where: { id: actor.organisationId } });
    return repo.find({ order: { name: 'ASC' } });
  }

  async getOrganisation(actor: Actor, id: string): Promise<Organisation> {
    if (isMember(actor) && actor.organisationId !== id) throw organisationNotFound(id);
    const org = await this.dataSource.getRepository(Organisation).findOne({ where: { id } });
    if (!org) throw organisationNotFound(id);
    return org;
  }

  async requireOrganisation(em: EntityManager, id: string): Promise<Organisation> {
    const org = await em.findOne(Organisation, { where: { id } });
    if (!org) throw organisationNotFound(id);
    return org;
  }

  /** Adds a membership inside the caller's transaction (platform creation uses it too). */
  async addMembershipIn(em: EntityManager, actor: Actor, platformId: string, input: NewMembership): Promise<Membership> {
    await this.requireOrganisation(em, input.organisationId);
    // Serialise membership changes per platform so two overlapping periods cannot both pass the check.
    const platform = await em.query<{ established_on: LocalDate }[]>('SELECT established_on::text FROM platforms WHERE id = $1 FOR UPDATE', [
      platformId,
    ]);
    if (platform.length === 0) throw platformNotFound(platformId);
    const establishedOn = platform[0].established_on;
    if (input.joinedOn < establishedOn) {
      throw DomainError.unprocessable('MEMBERSHIP.BEFORE_ESTABLISHMENT', `the platform was established on ${establishedOn}; a membership cannot start before it`, {
        field: 'joinedOn',
        establishedOn,
      });
    }
    const overlap = await em.query<{ id: string }[]>(
      `SELECT id FROM memberships
        WHERE platform_id = $1 AND organisation_id = $2 AND (left_on IS NULL OR left_on >= $3)`,
      [platformId, input.organisationId, input.joinedOn],
    );
    if (overlap.length > 0) {
      throw DomainError.conflict('MEMBERSHIP.OVERLAPS', 'the organisation already has a membership of this platform in that period', {
        membershipId: overlap[0].id,
      });
    }
    const membership = await em.save(
      em.create(Membership, {
        platformId,
        organisationId: input.organisationId,
        role: input.role ?? 'member',
        joinedOn: input.joinedOn,
        leftOn: null,
      }),
    );
    await this.audit.record(em, actor, {
      action: 'membership.added',
      entityType: 'membership',
      entityId: membership.id,
      platformId,
      after: membership,
    });
    // Membership is an input of every rights answer (entitlements).
    await markStale(em, platformId, DerivedKind.Entitlements);
    return membership;
  }

  async addMembership(actor: Actor, platformId: string, input: NewMembership): Promise<Membership> {
    const membership = await this.dataSource.transaction((em) => this.addMembershipIn(em, actor, platformId, input));
    await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
    return membership;
  }

  async endMembership(actor: Actor, platformId: string, membershipId: string, leftOn: LocalDate): Promise<Membership> {
    const ended = await this.dataSource.transaction(async (em) => {
      const membership = await em.findOne(Membership, {
        where: { id: membershipId, platformId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!membership) throw DomainError.notFound('MEMBERSHIP.NOT_FOUND', `membership ${membershipId} does not exist`);
      if (membership.leftOn !== null) {
        throw DomainError.conflict('MEMBERSHIP.ALREADY_ENDED', `membership ended on ${membership.leftOn}`);
      }
      if (leftOn < membership.joinedOn) {
        throw DomainError.validation('MEMBERSHIP.LEFT_BEFORE_JOINED', 'leftOn cannot be before joinedOn', { field: 'leftOn' });
      }
      const before = { ...membership };
      membership.leftOn = leftOn;
      await em.update(Membership, { id: membershipId }, { leftOn });
      await this.audit.record(em, actor, {
        action: 'membership.ended',
        entityType: 'membership',
        entityId: membershipId,
        platformId,
        before,
        after: membership,
      });
      await markStale(em, platformId, DerivedKind.Entitlements);
      return membership;
    });
    await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
    return ended;
  }

  /** Memberships of a platform, optionally only those active on a date; members see their own. */
  async listMemberships(actor: Actor, platformId: string, activeOn?: LocalDate): Promise<Membership[]> {
    const qb = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where('m.platform_id = :platformId', { platformId })
      .orderBy('m.joined_on', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (activeOn) {
      qb.andWhere('m.joined_on <= :d AND (m.left_on IS NULL OR m.left_on >= :d)', { d: activeOn });
    }
    if (isMember(actor)) qb.andWhere('m.organisation_id = :org', { org: actor.organisationId });
    return qb.getMany();
  }

  /** Whether the organisation has ever been a member of the platform (it may read its rules). */
  async hasEverBeenMember(organisationId: string, platformId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>('SELECT 1 FROM memberships WHERE platform_id = $1 AND organisation_id = $2 LIMIT 1', [
      platformId,
      organisationId,
    ]);
    return rows.length > 0;
  }
}
