import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, JAPANESE_FISCAL_YEAR_START_MONTH, LocalDate } from '@app/kernel';
import { Actor, AuditService, isMember } from '@app/access';
import { MembershipService, platformNotFound } from '@app/membership';
import { DerivedKind, JobName, JobProducer, markStale } from '@app/queue';
import { Platform } from './platform.entity';
import { PolicyVersion } from './policy-version.entity';
import { DEFAULT_POLICY_TERMS, PolicyTerms, validatePolicyTerms, versionInForce } from './policy-terms';

export interface NewPlatform {
  name: string;
  leadInstitutionId: string;
  establishedOn: LocalDate;
  fiscalYearStartMonth?: number;
  /** Terms of policy version 1; DOMAIN.md §3 defaults where left out. */
  policy?: Partial<PolicyTerms>;
}

export interface NewPolicyVersion extends Partial<PolicyTerms> {
  effectiveFrom: LocalDate;
  note?: string | null;
}

@Injectable()
export class PlatformService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly memberships: MembershipService,
    private readonly jobs: JobProducer,
  ) {}

  async create(actor: Actor, input: NewPlatform): Promise<{ platform: Platform; policy: PolicyVersion }> {
    // Terms left out (or sent as undefined by the DTO) take DOMAIN.md's defaults, key by key.
    const given = input.policy ?? {};
    const terms: PolicyTerms = {
      overheadRateBp: given.overheadRateBp ?? DEFAULT_POLICY_TERMS.overheadRateBp,
      standardOverheadRateBp: given.standardOverheadRateBp ?? DEFAULT_POLICY_TERMS.standardOverheadRateBp,
      memberClassRules: given.memberClassRules ?? DEFAULT_POLICY_TERMS.memberClassRules,
      costBearingRules: given.costBearingRules ?? DEFAULT_POLICY_TERMS.costBearingRules,
    };
    validatePolicyTerms(terms);
    const created = await this.dataSource.transaction(async (em) => {
      const lead = await this.memberships.requireOrganisation(em, input.leadInstitutionId);
      if (lead.kind === 'company') {
        throw DomainError.validation('PLATFORM.LEAD_NOT_INSTITUTION', 'the lead institution must be a university, research agency or TLO', {
          field: 'leadInstitutionId',
        });
      }
      const clash = await em.query<{ id: string }[]>('SELECT id FROM platforms WHERE lower(name) = lower($1)', [input.name]);
      if (clash.length > 0) {
        throw DomainError.conflict('PLATFORM.NAME_TAKEN', `a platform named "${input.name}" already exists`, { existingId: clash[0].id });
      }
      const platform = await em.save(
        em.create(Platform, {
          name: input.name,
          leadInstitutionId: input.leadInstitutionId,
          establishedOn: input.establishedOn,
          fiscalYearStartMonth: input.fiscalYearStartMonth ?? JAPANESE_FISCAL_YEAR_START_MONTH,
        }),
      );
      await this.audit.record(em, actor, {
        action: 'platform.created',
        entityType: 'platform',
        entityId: platform.id,
        platformId: platform.id,
        after: platform,
      });
      const policy = await this.insertPolicy(em, actor, platform.id, 1, { ...terms, effectiveFrom: input.establishedOn, note: 'initial policy' });
      await this.memberships.addMembershipIn(em, actor, platform.id, {
        organisationId: input.leadInstitutionId,
        joinedOn: input.establishedOn,
        role: 'lead',
      });
      return { platform, policy };
    });
    await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId: created.platform.id } });
    return created;
  }

  async list(actor: Actor): Promise<Platform[]> {
    const qb = this.dataSource.getRepository(Platform).createQueryBuilder('p').orderBy('p.name', 'ASC');
    if (isMember(actor)) {
      qb.where('EXISTS (SELECT 1 FROM memberships m WHERE m.platform_id = p.id AND m.organisation_id = :org)', {
        org: actor.organisationId,
      });
    }
    return qb.getMany();
  }

  /** A platform as the actor may see it: members only see platforms they belong (or belonged) to. */
  async get(actor: Actor, id: string): Promise<Platform> {
    const platform = await this.dataSource.getRepository(Platform).findOne({ where: { id } });
    if (!platform) throw platformNotFound(id);
    if (isMember(actor) && !(await this.memberships.hasEverBeenMember(actor.organisationId, id))) throw platformNotFound(id);
    return platform;
  }

  /**
   * Writes a new policy version. Versions are immutable and each must take effect after the
   * latest one, so "what were the rules on date D" never changes once answered.
   */
  async addPolicyVersion(actor: Actor, platformId: string, input: NewPolicyVersion): Promise<PolicyVersion> {
    const added = await this.dataSource.transaction(async (em) => {
      const locked = await em.query<{ id: string }[]>('SELECT id FROM platforms WHERE id = $1 FOR UPDATE', [platformId]);
      if (locked.length === 0) throw platformNotFound(platformId);
      const latest = await em.findOne(PolicyVersion, { where: { platformId }, order: { version: 'DESC' } });
      if (!latest) throw new Error(`platform ${platformId} has no policy version`);
      if (input.effectiveFrom <= latest.effectiveFrom) {
        throw DomainError.conflict(
          'POLICY.NOT_AFTER_LATEST',
          `a new policy version must take effect after the latest one (version ${latest.version}, effective ${latest.effectiveFrom})`,
          { field: 'effectiveFrom', latestVersion: latest.version, latestEffectiveFrom: latest.effectiveFrom },
        );
      }
      // Unspecified terms carry over from the latest version: a change names only what changes.
      const terms: PolicyTerms = {
        overheadRateBp: input.overheadRateBp ?? latest.overheadRateBp,
        standardOverheadRateBp: input.standardOverheadRateBp ?? latest.standardOverheadRateBp,
        memberClassRules: input.memberClassRules ?? latest.memberClassRules,
        costBearingRules: input.costBearingRules ?? latest.costBearingRules,
      };
      validatePolicyTerms(terms);
      const version = await this.insertPolicy(em, actor, platformId, latest.version + 1, { ...terms, effectiveFrom: input.effectiveFrom, note: input.note });
      // Member classes are computed under the policy in force: entitlements must be recomputed.
      await markStale(em, platformId, DerivedKind.Entitlements);
      // Patent costs not yet paid are re-allocated under changed cost-bearing rules.
      if (input.costBearingRules !== undefined) await markStale(em, platformId, DerivedKind.PatentCostAllocation);
      return version;
    });
    await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
    if (input.costBearingRules !== undefined) await this.jobs.enqueueBestEffort({ name: JobName.ReallocatePatentCosts, data: { platformId } });
    return added;
  }

  private async insertPolicy(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    version: number,
    input: PolicyTerms & { effectiveFrom: LocalDate; note?: string | null },
  ): Promise<PolicyVersion> {
    const policy = await em.save(
      em.create(PolicyVersion, {
        platformId,
        version,
        effectiveFrom: input.effectiveFrom,
        overheadRateBp: input.overheadRateBp,
        standardOverheadRateBp: input.standardOverheadRateBp,
        memberClassRules: input.memberClassRules,
        costBearingRules: input.costBearingRules,
        note: input.note ?? null,
      }),
    );
    await this.audit.record(em, actor, {
      action: 'policy.version_added',
      entityType: 'policy_version',
      entityId: policy.id,
      platformId,
      after: policy,
    });
    return policy;
  }

  async listPolicies(actor: Actor, platformId: string): Promise<PolicyVersion[]> {
    await this.get(actor, platformId);
    return this.dataSource.getRepository(PolicyVersion).find({ where: { platformId }, order: { version: 'ASC' } });
  }

  async policyOn(actor: Actor, platformId: string, date: LocalDate): Promise<PolicyVersion> {
    await this.get(actor, platformId);
    return this.policyInForce(this.dataSource.manager, platformId, date);
  }

  /** The policy in force on `date`, for other modules' computations (no access check). */
  async policyInForce(em: EntityManager, platformId: string, date: LocalDate): Promise<PolicyVersion> {
    const versions = await em.find(PolicyVersion, { where: { platformId } });
    const found = versionInForce(versions, date);
    if (!found) {
      throw DomainError.notFound('POLICY.NONE_IN_FORCE', `platform ${platformId} had no policy in force on ${date}`, { date });
    }
    return found;
  }
}
