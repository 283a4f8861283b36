import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { readAll } from '@app/database';
import { isUUID } from 'class-validator';
import { BP_DENOMINATOR, DomainError, LocalDate, todayInJapan } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { DerivedKind, JobName, JobProducer, markStale } from '@app/queue';
import { platformNotFound } from '@app/membership';
import { AgreementService, AgreementView } from './agreement.service';
import { AssetOptionTerms, deriveInitialOwnership } from './initial-ownership.calculator';
import { IpAssetInventor } from './ip-asset-inventor.entity';
import { IpAssetOption } from './ip-asset-option.entity';
import { CheckedIpAsset, NewIpAsset, REFERENCE_PATTERN, checkNewIpAsset } from './ip-asset-rules';
import { IpAsset, IpAssetOrigin } from './ip-asset.entity';
import { IpFiling } from './ip-filing.entity';
import { normaliseIpc, normaliseIpcPrefix } from './ipc';
import { OwnerShare, ownerShareProblems } from './ownership-shares';
import { IpOwnershipShare } from './ownership-share.entity';
import { IpOwnershipVersion } from './ownership-version.entity';
import { ipAssetNotFound } from './registry-errors';
import { RegistryProblem, throwFirst } from './registry-problem';
import { SakuraType } from './sakura-type.entity';
import { sakuraTermsOf } from './sakura-type.service';

export interface OwnerView {
  organisationId: string;
  organisationName: string;
  shareBp: number;
}

export interface OwnershipVersionView {
  id: string;
  version: number;
  effectiveFrom: LocalDate;
  reason: string | null;
  createdAt: Date;
  owners: OwnerView[];
}

export interface IpAssetView {
  asset: IpAsset;
  inventors: IpAssetInventor[];
  options: IpAssetOption[];
  /** The ownership version in force on `ownershipOn`; null before the asset's first version. */
  ownership: OwnershipVersionView | null;
  ownershipOn: LocalDate;
  filings: IpFiling[];
}

export interface IpAssetFilter {
  pooled?: boolean;
  researchCommons?: boolean;
  origin?: IpAssetOrigin;
  projectId?: string;
  /** IPC prefix: section, class, subclass or full symbol. */
  technologyField?: string;
  limit: number;
  offset: number;
}

export interface CatalogueEntry {
  id: string;
  reference: string | null;
  title: string;
  /** Null when the asset is confidential. */
  abstract: string | null;
  confidential: boolean;
  technologyField: string;
  origin: IpAssetOrigin;
  researchCommons: boolean;
  /** Owners in force today: names only, never shares. */
  owners: { organisationId: string; organisationName: string }[];
  /** Filings made at an office (drafts are left out). */
  filings: {
    jurisdiction: string;
    status: string;
    registrationNumber: string | null;
    grantDate: LocalDate | null;
  }[];
}

export interface IpAssetPatch {
  reference?: string | null;
  title?: string;
  abstract?: string | null;
  technologyField?: string;
  pooled?: boolean;
  researchCommons?: boolean;
  confidential?: boolean;
}

export interface NewOwnershipVersion {
  effectiveFrom: LocalDate;
  owners: OwnerShare[];
  reason?: string | null;
}

/** A new asset checked against the database, with the owners and options it will get. */
export interface IpAssetPlan {
  asset: CheckedIpAsset;
  owners: OwnerShare[];
  ownersFromAgreement: boolean;
  options: AssetOptionTerms[];
  agreement: AgreementView | null;
  sakura: SakuraType | null;
}

function asProblemOf(err: unknown, field: string): RegistryProblem {
  if (err instanceof DomainError && err.kind !== 'unauthenticated' && err.kind !== 'forbidden') {
    return { field, code: err.code, message: err.message, kind: err.kind };
  }
  throw err;
}

@Injectable()
export class IpAssetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly agreements: AgreementService,
    private readonly jobs: JobProducer,
  ) {}

  /** Ownership and the pooled / commons flags are inputs of the platform's entitlements. */
  private async entitlementsChanged(em: EntityManager, platformId: string): Promise<void> {
    await markStale(em, platformId, DerivedKind.Entitlements);
  }

  private async recomputeEntitlements(platformId: string): Promise<void> {
    await this.jobs.enqueueBestEffort({ name: JobName.RecomputeEntitlements, data: { platformId } });
  }

  async create(actor: Actor, platformId: string, input: NewIpAsset): Promise<IpAssetView> {
    const view = await this.dataSource.transaction(async (em) => {
      await this.requirePlatform(em, platformId);
      const { problems, plan } = await this.checkIn(em, platformId, input, todayInJapan());
      throwFirst(problems);
      const asset = await this.createIn(em, actor, platformId, plan);
      await this.entitlementsChanged(em, platformId);
      return this.viewIn(em, asset, plan.asset.createdOn);
    });
    await this.recomputeEntitlements(platformId);
    return view;
  }

  async requirePlatform(em: EntityManager, platformId: string): Promise<void> {
    const found: unknown[] = await em.query('SELECT 1 FROM platforms WHERE id = $1', [platformId]);
    if (found.length === 0) throw platformNotFound(platformId);
  }

  /**
   * Every problem a new asset has, the database's view included (project, agreement, holder,
   * owners, reference), and the plan to create it. Nothing is written.
   */
  async checkIn(
    em: EntityManager,
    platformId: string,
    input: NewIpAsset,
    today: LocalDate,
  ): Promise<{ problems: RegistryProblem[]; plan: IpAssetPlan }> {
    const { problems, asset } = checkNewIpAsset(input, today);
    let agreement: AgreementView | null = null;
    let sakura: SakuraType | null = null;

    if (asset.origin === 'foreground' && asset.projectId && isUUID(asset.projectId)) {
      const project: unknown[] = await em.query(
        'SELECT 1 FROM research_projects WHERE id = $1 AND platform_id = $2',
        [asset.projectId, platformId],
      );
      if (project.length === 0) {
        problems.push({
          field: 'projectId',
          code: 'PROJECT.NOT_FOUND',
          message: `project ${asset.projectId} is not a project of this platform`,
          kind: 'not_found',
        });
      }
    }
    if (asset.origin === 'foreground' && asset.agreementId && isUUID(asset.agreementId)) {
      agreement = await this.agreements.findIn(em, platformId, asset.agreementId);
      if (!agreement) {
        problems.push({
          field: 'agreementId',
          code: 'AGREEMENT.NOT_FOUND',
          message: `agreement ${asset.agreementId} is not an agreement of this platform`,
          kind: 'not_found',
        });
      } else if (asset.projectId && agreement.agreement.projectId !== asset.projectId) {
        problems.push({
          field: 'agreementId',
          code: 'IP_ASSET.AGREEMENT_OF_OTHER_PROJECT',
          message: 'the agreement belongs to another project than the asset',
          kind: 'unprocessable',
        });
      } else {
        sakura = await em.findOne(SakuraType, { where: { type: agreement.agreement.sakuraType } });
      }
    }

    // Organisations named anywhere in the input, checked in one query.
    const named: { field: string; id: string }[] = [];
    if (asset.origin === 'background' && asset.holderOrganisationId)
      named.push({ field: 'holderOrganisationId', id: asset.holderOrganisationId });
    (asset.owners ?? []).forEach((o, i) =>
      named.push({ field: `owners[${i}].organisationId`, id: o.organisationId }),
    );
    (asset.inventors ?? []).forEach(
      (inv, i) =>
        inv.organisationId &&
        named.push({ field: `inventors[${i}].organisationId`, id: inv.organisationId }),
    );
    const ids = [...new Set(named.map((n) => n.id).filter((id) => isUUID(id)))];
    const orgs: { id: string; member: boolean }[] = ids.length
      ? await em.query(
          `SELECT o.id, EXISTS (SELECT 1 FROM memberships m WHERE m.platform_id = $2 AND m.organisation_id = o.id) AS member
             FROM organisations o WHERE o.id = ANY($1::uuid[])`,
          [ids, platformId],
        )
      : [];
    for (const n of named) {
      const org = orgs.find((o) => o.id === n.id);
      if (!org) {
        problems.push({
          field: n.field,
          code: 'ORGANISATION.NOT_FOUND',
          message: `organisation ${n.id} does not exist`,
          kind: 'not_found',
        });
      } else if (n.field === 'holderOrganisationId' && !org.member) {
        problems.push({
          field: n.field,
          code: 'IP_ASSET.HOLDER_NOT_MEMBER',
          message: 'background IP is brought in by a member of the platform',
          kind: 'unprocessable',
        });
      }
    }
    if (asset.reference && REFERENCE_PATTERN.test(asset.reference)) {
      const clash: { id: string }[] = await em.query(
        'SELECT id FROM ip_assets WHERE platform_id = $1 AND reference = $2',
        [platformId, asset.reference],
      );
      if (clash.length > 0) {
        problems.push({
          field: 'reference',
          code: 'IP_ASSET.REFERENCE_TAKEN',
          message: `reference ${asset.reference} is already used on this platform`,
          kind: 'conflict',
          details: { existingId: clash[0].id },
        });
      }
    }

    let owners: OwnerShare[] = asset.owners ?? [];
    let options: AssetOptionTerms[] = [];
    if (agreement && sakura) {
      try {
        const derived = deriveInitialOwnership(
          sakuraTermsOf(sakura),
          { universityId: agreement.agreement.universityId, companyIds: agreement.companyIds },
          asset.filedOn ?? asset.createdOn,
        );
        options = derived.options;
        if (!asset.owners) owners = derived.owners;
      } catch (err) {
        problems.push(asProblemOf(err, 'agreementId'));
      }
    } else if (!asset.owners && asset.origin === 'background' && asset.holderOrganisationId) {
      owners = [{ organisationId: asset.holderOrganisationId, shareBp: Number(BP_DENOMINATOR) }];
    }
    const plan: IpAssetPlan = {
      asset,
      owners,
      ownersFromAgreement: !asset.owners && agreement !== null,
      options,
      agreement,
      sakura,
    };
    return { problems, plan };
  }

  /** Writes a checked asset with its inventors, first ownership version and options, and audits it. */
  async createIn(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    plan: IpAssetPlan,
  ): Promise<IpAsset> {
    const a = plan.asset;
    const asset = await em.save(
      em.create(IpAsset, {
        platformId,
        reference: a.reference ?? null,
        title: a.title,
        abstract: a.abstract ?? null,
        technologyField: a.technologyField,
        origin: a.origin,
        projectId: a.origin === 'foreground' ? (a.projectId ?? null) : null,
        agreementId: plan.agreement?.agreement.id ?? null,
        holderOrganisationId: a.origin === 'background' ? (a.holderOrganisationId ?? null) : null,
        sakuraType: plan.sakura?.type ?? null,
        priorConsentThirdPartyLicence: plan.sakura?.priorConsentThirdPartyLicence ?? null,
        exclusivityFee: plan.sakura?.exclusivityFee ?? null,
        ownersFromAgreement: plan.ownersFromAgreement,
        pooled: a.pooled ?? false,
        researchCommons: a.researchCommons ?? false,
        confidential: a.confidential ?? false,
        createdOn: a.createdOn,
        filedOn: a.filedOn,
        createdByTokenId: actor.tokenId,
      }),
    );
    const inventors = (a.inventors ?? []).map((inv, position) =>
      em.create(IpAssetInventor, {
        assetId: asset.id,
        position,
        name: inv.name.trim(),
        organisationId: inv.organisationId ?? null,
      }),
    );
    if (inventors.length > 0) await em.insert(IpAssetInventor, inventors);
    const reason = plan.ownersFromAgreement
      ? `initial owners from Sakura type ${plan.sakura?.type}`
      : 'initial owners';
    const version = await this.insertOwnershipVersion(
      em,
      actor,
      asset.id,
      1,
      a.createdOn,
      plan.owners,
      reason,
    );
    const options = plan.options.map((o) =>
      em.create(IpAssetOption, {
        assetId: asset.id,
        organisationId: o.organisationId,
        sakuraType: plan.sakura!.type,
        right: o.right,
        consideration: o.consideration,
        optionPeriodMonths: o.optionPeriodMonths,
        startsOn: o.startsOn,
        endsOn: o.endsOn,
      }),
    );
    if (options.length > 0) await em.insert(IpAssetOption, options);
    await this.audit.record(em, actor, {
      action: 'ip_asset.created',
      entityType: 'ip_asset',
      entityId: asset.id,
      platformId,
      after: {
        asset,
        inventors,
        ownership: {
          version: version.version,
          effectiveFrom: version.effectiveFrom,
          owners: plan.owners,
        },
        options,
      },
    });
    return asset;
  }

  private async insertOwnershipVersion(
    em: EntityManager,
    actor: Actor,
    assetId: string,
    version: number,
    effectiveFrom: LocalDate,
    owners: OwnerShare[],
    reason: string | null,
  ): Promise<IpOwnershipVersion> {
    const saved = await em.save(
      em.create(IpOwnershipVersion, {
        assetId,
        version,
        effectiveFrom,
        reason,
        createdByTokenId: actor.tokenId,
      }),
    );
    await em.insert(
      IpOwnershipShare,
      owners.map((o, position) => ({
        versionId: saved.id,
        organisationId: o.organisationId,
        position,
        shareBp: o.shareBp,
      })),
    );
    return saved;
  }

  async get(platformId: string, id: string, on: LocalDate): Promise<IpAssetView> {
    const em = this.dataSource.manager;
    return this.viewIn(em, await this.requireAsset(em, platformId, id), on);
  }

  private async requireAsset(
    em: EntityManager,
    platformId: string,
    id: string,
    lock = false,
  ): Promise<IpAsset> {
    const asset = await em.findOne(IpAsset, {
      where: { id, platformId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!asset) throw ipAssetNotFound(id);
    return asset;
  }

  private async viewIn(em: EntityManager, asset: IpAsset, on: LocalDate): Promise<IpAssetView> {
    const [inventors, options, filings, ownership] = await readAll(em, [
      () => em.find(IpAssetInventor, { where: { assetId: asset.id }, order: { position: 'ASC' } }),
      () => em.find(IpAssetOption, { where: { assetId: asset.id }, order: { startsOn: 'ASC', organisationId: 'ASC' } }),
      () => em.find(IpFiling, { where: { assetId: asset.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      () => this.ownershipOnIn(em, [asset.id], on),
    ] as const);
    return {
      asset,
      inventors,
      options,
      filings,
      ownership: ownership.get(asset.id) ?? null,
      ownershipOn: on,
    };
  }

  /** The ownership version in force on `on` for each asset that has one. */
  private async ownershipOnIn(
    em: EntityManager,
    assetIds: string[],
    on: LocalDate,
  ): Promise<Map<string, OwnershipVersionView>> {
    if (assetIds.length === 0) return new Map();
    const versions = await em
      .getRepository(IpOwnershipVersion)
      .createQueryBuilder('v')
      .distinctOn(['v.asset_id'])
      .where('v.asset_id = ANY(:ids)', { ids: assetIds })
      .andWhere('v.effective_from <= :on', { on })
      .orderBy('v.asset_id')
      .addOrderBy('v.effective_from', 'DESC')
      .getMany();
    const views = await this.withOwners(em, versions);
    return new Map(views.map((v, i) => [versions[i].assetId, v]));
  }

  private async withOwners(
    em: EntityManager,
    versions: IpOwnershipVersion[],
  ): Promise<OwnershipVersionView[]> {
    if (versions.length === 0) return [];
    const shares: {
      version_id: string;
      organisation_id: string;
      name: string;
      share_bp: number;
    }[] = await em.query(
      `SELECT s.version_id, s.organisation_id, o.name, s.share_bp
         FROM ip_ownership_shares s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.version_id = ANY($1::uuid[]) ORDER BY s.version_id, s.position`,
      [versions.map((v) => v.id)],
    );
    return versions.map((v) => ({
      id: v.id,
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      reason: v.reason,
      createdAt: v.createdAt,
      owners: shares
        .filter((s) => s.version_id === v.id)
        .map((s) => ({
          organisationId: s.organisation_id,
          organisationName: s.name,
          shareBp: s.share_bp,
        })),
    }));
  }

  /** Every ownership version of an asset, oldest first. */
  async ownershipHistory(platformId: string, id: string): Promise<OwnershipVersionView[]> {
    const em = this.dataSource.manager;
    await this.requireAsset(em, platformId, id);
    const versions = await em.find(IpOwnershipVersion, {
      where: { assetId: id },
      order: { version: 'ASC' },
    });
    return this.withOwners(em, versions);
  }

  /** The ownership version in force on a date; 404 before the asset's first version. */
  async ownershipOn(platformId: string, id: string, on: LocalDate): Promise<OwnershipVersionView> {
    const em = this.dataSource.manager;
    await this.requireAsset(em, platformId, id);
    const found = (await this.ownershipOnIn(em, [id], on)).get(id);
    if (!found) {
      throw DomainError.notFound(
        'OWNERSHIP.NONE_IN_FORCE',
        `IP asset ${id} had no recorded owners on ${on}`,
        { on },
      );
    }
    return found;
  }

  /**
   * Records new owners from a date: a new ownership version, after the latest one. Earlier
   * versions stay as they were, so "who owned it on D" keeps its answer.
   */
  async setOwners(
    actor: Actor,
    platformId: string,
    id: string,
    input: NewOwnershipVersion,
  ): Promise<OwnershipVersionView> {
    const changed = await this.dataSource.transaction((em) => this.setOwnersIn(em, actor, platformId, id, input));
    await this.recomputeEntitlements(platformId);
    await this.jobs.enqueueBestEffort({ name: JobName.ReallocatePatentCosts, data: { platformId } });
    return changed;
  }

  /** `setOwners` inside the caller's transaction (a takeover moves ownership with its decision). */
  async setOwnersIn(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    id: string,
    input: NewOwnershipVersion,
  ): Promise<OwnershipVersionView> {
    throwFirst(ownerShareProblems(input.owners));
    await this.requireAsset(em, platformId, id, true);
    const ids = input.owners.map((o) => o.organisationId);
    const found: { id: string }[] = await em.query(
      'SELECT id FROM organisations WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const missing = ids.findIndex((oid) => !found.some((f) => f.id === oid));
    if (missing >= 0) {
      throw DomainError.notFound(
        'ORGANISATION.NOT_FOUND',
        `organisation ${ids[missing]} does not exist`,
        { field: `owners[${missing}].organisationId` },
      );
    }
    const latest = await em.findOne(IpOwnershipVersion, {
      where: { assetId: id },
      order: { version: 'DESC' },
    });
    if (!latest) throw new Error(`IP asset ${id} has no ownership version`);
    if (input.effectiveFrom <= latest.effectiveFrom) {
      throw DomainError.conflict(
        'OWNERSHIP.NOT_AFTER_LATEST',
        `new owners must take effect after the latest ownership version (version ${latest.version}, effective ${latest.effectiveFrom})`,
        {
          field: 'effectiveFrom',
          latestVersion: latest.version,
          latestEffectiveFrom: latest.effectiveFrom,
        },
      );
    }
    const [before] = await this.withOwners(em, [latest]);
    const same =
      before.owners.length === input.owners.length &&
      input.owners.every((o) =>
        before.owners.some((b) => b.organisationId === o.organisationId && b.shareBp === o.shareBp),
      );
    if (same) {
      throw DomainError.conflict(
        'OWNERSHIP.UNCHANGED',
        `the owners and shares are those of version ${latest.version} already`,
        { field: 'owners' },
      );
    }
    const version = await this.insertOwnershipVersion(
      em,
      actor,
      id,
      latest.version + 1,
      input.effectiveFrom,
      input.owners,
      input.reason ?? null,
    );
    const [after] = await this.withOwners(em, [version]);
    await this.audit.record(em, actor, {
      action: 'ip_asset.owners_changed',
      entityType: 'ip_asset',
      entityId: id,
      platformId,
      before,
      after,
    });
    await this.entitlementsChanged(em, platformId);
    // Patent costs not yet paid follow the owners in force on their due dates.
    await markStale(em, platformId, DerivedKind.PatentCostAllocation);
    return after;
  }

  /** Edits an asset's descriptive fields and flags. Origin, project, agreement and holder never change. */
  async update(
    actor: Actor,
    platformId: string,
    id: string,
    patch: IpAssetPatch,
  ): Promise<IpAsset> {
    const updated = await this.dataSource.transaction(async (em) => {
      const current = await this.requireAsset(em, platformId, id, true);
      const next: IpAsset = { ...current };
      if (patch.technologyField !== undefined) {
        const ipc = normaliseIpc(patch.technologyField);
        if (ipc === null) {
          throw DomainError.validation(
            'IP_ASSET.INVALID_IPC',
            'technologyField must be an IPC symbol such as "H01M" or "H01M 10/052"',
            { field: 'technologyField' },
          );
        }
        next.technologyField = ipc;
      }
      if (patch.title !== undefined) next.title = patch.title.trim();
      for (const key of [
        'reference',
        'abstract',
        'pooled',
        'researchCommons',
        'confidential',
      ] as const) {
        if (patch[key] !== undefined)
          (next as unknown as Record<string, unknown>)[key] = patch[key];
      }
      if (next.reference && next.reference !== current.reference) {
        const clash: { id: string }[] = await em.query(
          'SELECT id FROM ip_assets WHERE platform_id = $1 AND reference = $2',
          [platformId, next.reference],
        );
        if (clash.length > 0) {
          throw DomainError.conflict(
            'IP_ASSET.REFERENCE_TAKEN',
            `reference ${next.reference} is already used on this platform`,
            {
              field: 'reference',
              existingId: clash[0].id,
            },
          );
        }
      }
      next.updatedAt = new Date();
      await em.update(
        IpAsset,
        { id },
        {
          reference: next.reference,
          title: next.title,
          abstract: next.abstract,
          technologyField: next.technologyField,
          pooled: next.pooled,
          researchCommons: next.researchCommons,
          confidential: next.confidential,
          updatedAt: next.updatedAt,
        },
      );
      await this.audit.record(em, actor, {
        action: 'ip_asset.updated',
        entityType: 'ip_asset',
        entityId: id,
        platformId,
        before: current,
        after: next,
      });
      if (next.pooled !== current.pooled || next.researchCommons !== current.researchCommons) {
        await this.entitlementsChanged(em, platformId);
      }
      // Pooled foreground IP is paid by the IP fund: its unpaid costs change payers.
      if (next.pooled !== current.pooled) await markStale(em, platformId, DerivedKind.PatentCostAllocation);
      return next;
    });
    if (patch.pooled !== undefined || patch.researchCommons !== undefined) await this.recomputeEntitlements(platformId);
    if (patch.pooled !== undefined) await this.jobs.enqueueBestEffort({ name: JobName.ReallocatePatentCosts, data: { platformId } });
    return updated;
  }

  async list(platformId: string, filter: IpAssetFilter): Promise<IpAsset[]> {
    const qb = this.dataSource
      .getRepository(IpAsset)
      .createQueryBuilder('a')
      .where('a.platform_id = :platformId', { platformId })
      .orderBy('a.created_on', 'ASC')
      .addOrderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset);
    this.applyFilter(qb, filter);
    return qb.getMany();
  }

  private applyFilter(
    qb: SelectQueryBuilder<IpAsset>,
    filter: Omit<IpAssetFilter, 'limit' | 'offset'>,
  ) {
    if (filter.pooled !== undefined) qb.andWhere('a.pooled = :pooled', { pooled: filter.pooled });
    if (filter.researchCommons !== undefined)
      qb.andWhere('a.research_commons = :rc', { rc: filter.researchCommons });
    if (filter.origin) qb.andWhere('a.origin = :origin', { origin: filter.origin });
    if (filter.projectId) qb.andWhere('a.project_id = :projectId', { projectId: filter.projectId });
    if (filter.technologyField !== undefined) {
      const prefix = normaliseIpcPrefix(filter.technologyField);
      if (prefix === null) {
        throw DomainError.validation(
          'IP_ASSET.INVALID_IPC',
          'technologyField filters by an IPC prefix such as "H", "H01", "H01M" or "H01M 10/052"',
          {
            field: 'technologyField',
          },
        );
      }
      // A full symbol matches itself only; a subclass or shorter prefix matches everything under it.
      qb.andWhere(
        prefix.includes('/') ? 'a.technology_field = :ipc' : "a.technology_field LIKE :ipc || '%'",
        { ipc: prefix },
      );
    }
  }

  /**
   * The pool's catalogue: pooled assets only, as any member of the platform may see them —
   * owners' names without shares, no abstract for confidential assets, no inventors, no
   * projects or agreements, no drafts.
   */
  async catalogue(
    platformId: string,
    filter: IpAssetFilter,
    today: LocalDate,
  ): Promise<CatalogueEntry[]> {
    const em = this.dataSource.manager;
    const qb = em
      .getRepository(IpAsset)
      .createQueryBuilder('a')
      .where('a.platform_id = :platformId AND a.pooled', { platformId })
      .orderBy('a.technology_field', 'ASC')
      .addOrderBy('a.title', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(filter.limit)
      .offset(filter.offset);
    this.applyFilter(qb, { ...filter, pooled: undefined });
    const assets = await qb.getMany();
    const ids = assets.map((a) => a.id);
    const [owners, filings] = await readAll(em, [
      () => this.ownershipOnIn(em, ids, today),
      () => (ids.length ? em.find(IpFiling, { where: { assetId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }) : Promise.resolve([])),
    ] as const);
    return assets.map((a) => ({
      id: a.id,
      reference: a.reference,
      title: a.title,
      abstract: a.confidential ? null : a.abstract,
      confidential: a.confidential,
      technologyField: a.technologyField,
      origin: a.origin,
      researchCommons: a.researchCommons,
      owners: (owners.get(a.id)?.owners ?? []).map((o) => ({
        organisationId: o.organisationId,
        organisationName: o.organisationName,
      })),
      filings: filings
        .filter((f) => f.assetId === a.id && f.status !== 'drafted')
        .map((f) => ({
          jurisdiction: f.jurisdiction,
          status: f.status,
          registrationNumber: f.registrationNumber,
          grantDate: f.grantDate,
        })),
    }));
  }
}
