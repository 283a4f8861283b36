import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUUID } from 'class-validator';
import { DomainError, LocalDate, todayInJapan } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { IpFilingStatusChange } from './filing-status-change.entity';
import { IpFilingStatus, assertFilingTransition, nextFilingStatuses } from './filing-status';
import {
  CheckedFiling,
  FilingFacts,
  UsptoEntityStatus,
  NewFiling,
  checkNewFiling,
  filingFactProblems,
} from './filing-rules';
import { IpAsset } from './ip-asset.entity';
import { IpFiling } from './ip-filing.entity';
import { filingNotFound, ipAssetNotFound } from './registry-errors';
import { RegistryProblem, throwFirst } from './registry-problem';

export interface FilingPatch {
  applicationNumber?: string | null;
  applicationDate?: LocalDate | null;
  priorityDate?: LocalDate | null;
  grantDate?: LocalDate | null;
  registrationNumber?: string | null;
  claimsCount?: number | null;
  entityStatus?: UsptoEntityStatus | null;
}

export interface FilingStatusChangeInput {
  status: IpFilingStatus;
  effectiveOn: LocalDate;
  note?: string | null;
}

export interface FilingView {
  filing: IpFiling;
  /** Statuses the filing may move to next. */
  nextStatuses: IpFilingStatus[];
}

function factsOf(f: IpFiling): FilingFacts {
  return {
    jurisdiction: f.jurisdiction,
    parentFilingId: f.parentFilingId,
    applicationNumber: f.applicationNumber,
    applicationDate: f.applicationDate,
    priorityDate: f.priorityDate,
    grantDate: f.grantDate,
    registrationNumber: f.registrationNumber,
    claimsCount: f.claimsCount,
    entityStatus: f.entityStatus,
    status: f.status,
  };
}

@Injectable()
export class IpFilingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  view(filing: IpFiling): FilingView {
    return { filing, nextStatuses: nextFilingStatuses(filing.jurisdiction, filing.status) };
  }

  private async requireAsset(
    em: EntityManager,
    platformId: string,
    assetId: string,
    lock = false,
  ): Promise<IpAsset> {
    const asset = await em.findOne(IpAsset, {
      where: { id: assetId, platformId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!asset) throw ipAssetNotFound(assetId);
    return asset;
  }

  private async requireFiling(
    em: EntityManager,
    platformId: string,
    assetId: string,
    filingId: string,
    lock = false,
  ): Promise<IpFiling> {
    await this.requireAsset(em, platformId, assetId);
    const filing = await em.findOne(IpFiling, {
      where: { id: filingId, assetId, platformId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!filing) throw filingNotFound(filingId);
    return filing;
  }

  async create(
    actor: Actor,
    platformId: string,
    assetId: string,
    input: NewFiling,
  ): Promise<FilingView> {
    return this.dataSource.transaction(async (em) => {
      const asset = await this.requireAsset(em, platformId, assetId, true);
      const { problems, filing } = await this.checkIn(
        em,
        platformId,
        assetId,
        input,
        todayInJapan(),
        asset.createdOn,
      );
      throwFirst(problems);
      return this.view(await this.createIn(em, actor, platformId, assetId, filing));
    });
  }

  /** Every problem a new filing of `assetId` has (pass null for an asset not created yet). */
  async checkIn(
    em: EntityManager,
    platformId: string,
    assetId: string | null,
    input: NewFiling,
    today: LocalDate,
    assetCreatedOn: LocalDate,
  ): Promise<{ problems: RegistryProblem[]; filing: CheckedFiling }> {
    const { problems, filing } = checkNewFiling(input, today, assetCreatedOn);
    if (filing.parentFilingId) {
      const parent =
        assetId && isUUID(filing.parentFilingId)
          ? await em.findOne(IpFiling, {
              where: { id: filing.parentFilingId, assetId, platformId },
            })
          : null;
      if (!parent) {
        problems.push({
          field: 'parentFilingId',
          code: 'FILING.PARENT_NOT_FOUND',
          message: 'the parent filing is not a filing of this asset',
          kind: 'not_found',
        });
      } else if (parent.jurisdiction !== 'PCT') {
        problems.push({
          field: 'parentFilingId',
          code: 'FILING.PARENT_NOT_PCT',
          message: 'a national phase entry comes from a PCT application',
          kind: 'unprocessable',
        });
      } else if (parent.status === 'drafted') {
        problems.push({
          field: 'parentFilingId',
          code: 'FILING.PARENT_NOT_FILED',
          message: 'national phases are entered from a filed PCT application',
          kind: 'unprocessable',
        });
      }
    }
    if (filing.applicationNumber && !problems.some((p) => p.field === 'jurisdiction')) {
      problems.push(
        ...(await this.applicationNumberProblems(
          em,
          platformId,
          filing.jurisdiction,
          filing.applicationNumber,
          null,
        )),
      );
    }
    return { problems, filing };
  }

  private async applicationNumberProblems(
    em: EntityManager,
    platformId: string,
    jurisdiction: string,
    applicationNumber: string,
    exceptId: string | null,
  ): Promise<RegistryProblem[]> {
    const clash: { id: string; asset_id: string }[] = await em.query(
      'SELECT id, asset_id FROM ip_filings WHERE platform_id = $1 AND jurisdiction = $2 AND application_number = $3 AND id IS DISTINCT FROM $4',
      [platformId, jurisdiction, applicationNumber, exceptId],
    );
    if (clash.length === 0) return [];
    return [
      {
        field: 'applicationNumber',
        code: 'FILING.APPLICATION_NUMBER_TAKEN',
        message: `${jurisdiction} application ${applicationNumber} is already registered on this platform`,
        kind: 'conflict',
        details: { existingFilingId: clash[0].id, existingAssetId: clash[0].asset_id },
      },
    ];
  }

  /** Writes a checked filing and the first row of its status history, and audits it. */
  async createIn(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    assetId: string,
    input: CheckedFiling,
  ): Promise<IpFiling> {
    const { note, ...facts } = input;
    const filing = await em.save(
      em.create(IpFiling, { ...facts, platformId, assetId, createdByTokenId: actor.tokenId }),
    );
    await em.insert(IpFilingStatusChange, {
      filingId: filing.id,
      fromStatus: null,
      toStatus: filing.status,
      effectiveOn: filing.statusEffectiveOn,
      note,
      actorTokenId: actor.tokenId,
      actorLabel: actor.label,
    });
    await this.audit.record(em, actor, {
      action: 'filing.created',
      entityType: 'ip_filing',
      entityId: filing.id,
      platformId,
      after: { filing, note },
    });
    return filing;
  }

  async list(platformId: string, assetId: string): Promise<FilingView[]> {
    const em = this.dataSource.manager;
    await this.requireAsset(em, platformId, assetId);
    const filings = await em.find(IpFiling, {
      where: { assetId, platformId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return filings.map((f) => this.view(f));
  }

  async get(platformId: string, assetId: string, filingId: string): Promise<FilingView> {
    return this.view(
      await this.requireFiling(this.dataSource.manager, platformId, assetId, filingId),
    );
  }

  /** Corrects or completes a filing's numbers and dates. Its status changes only through `changeStatus`. */
  async update(
    actor: Actor,
    platformId: string,
    assetId: string,
    filingId: string,
    patch: FilingPatch,
  ): Promise<FilingView> {
    return this.dataSource.transaction(async (em) => {
      const current = await this.requireFiling(em, platformId, assetId, filingId, true);
      const next: IpFiling = { ...current };
      for (const [key, value] of Object.entries(patch) as [keyof FilingPatch, unknown][]) {
        if (value !== undefined)
          (next as unknown as Record<string, unknown>)[key] =
            typeof value === 'string' ? value.trim() || null : value;
      }
      throwFirst(filingFactProblems(factsOf(next)));
      if (next.applicationNumber && next.applicationNumber !== current.applicationNumber) {
        throwFirst(
          await this.applicationNumberProblems(
            em,
            platformId,
            next.jurisdiction,
            next.applicationNumber,
            filingId,
          ),
        );
      }
      next.updatedAt = new Date();
      await em.update(
        IpFiling,
        { id: filingId },
        {
          applicationNumber: next.applicationNumber,
          applicationDate: next.applicationDate,
          priorityDate: next.priorityDate,
          grantDate: next.grantDate,
          registrationNumber: next.registrationNumber,
          claimsCount: next.claimsCount,
          entityStatus: next.entityStatus,
          updatedAt: next.updatedAt,
        },
      );
      await this.audit.record(em, actor, {
        action: 'filing.updated',
        entityType: 'ip_filing',
        entityId: filingId,
        platformId,
        before: current,
        after: next,
      });
      return this.view(next);
    });
  }

  /**
   * Moves a filing to its next status on a date, if its lifecycle allows (409
   * FILING.INVALID_TRANSITION with the allowed next states otherwise), and appends the change to
   * its history. Becoming filed sets a missing application date, becoming granted a missing
   * grant date, to the date of the change.
   */
  async changeStatus(
    actor: Actor,
    platformId: string,
    assetId: string,
    filingId: string,
    input: FilingStatusChangeInput,
  ): Promise<FilingView> {
    return this.dataSource.transaction((em) =>
      this.changeStatusIn(em, actor, platformId, assetId, filingId, input),
    );
  }

  /** `changeStatus` inside the caller's transaction (an abandon decision and its transition commit together). */
  async changeStatusIn(
    em: EntityManager,
    actor: Actor,
    platformId: string,
    assetId: string,
    filingId: string,
    input: FilingStatusChangeInput,
  ): Promise<FilingView> {
    const current = await this.requireFiling(em, platformId, assetId, filingId, true);
    assertFilingTransition(current.jurisdiction, current.status, input.status);
    if (input.effectiveOn < current.statusEffectiveOn) {
      throw DomainError.unprocessable(
        'FILING.STATUS_DATE_BEFORE_CURRENT',
        `the filing has been ${current.status} since ${current.statusEffectiveOn}; a later status cannot take effect before that`,
        { field: 'effectiveOn', currentSince: current.statusEffectiveOn },
      );
    }
    const next: IpFiling = {
      ...current,
      status: input.status,
      statusEffectiveOn: input.effectiveOn,
      updatedAt: new Date(),
    };
    if (input.status === 'filed' && !next.applicationDate) next.applicationDate = input.effectiveOn;
    if (input.status === 'granted' && !next.grantDate) next.grantDate = input.effectiveOn;
    throwFirst(filingFactProblems(factsOf(next)));
    await em.update(
      IpFiling,
      { id: filingId },
      {
        status: next.status,
        statusEffectiveOn: next.statusEffectiveOn,
        applicationDate: next.applicationDate,
        grantDate: next.grantDate,
        updatedAt: next.updatedAt,
      },
    );
    const change = await em.save(
      em.create(IpFilingStatusChange, {
        filingId,
        fromStatus: current.status,
        toStatus: input.status,
        effectiveOn: input.effectiveOn,
        note: input.note ?? null,
        actorTokenId: actor.tokenId,
        actorLabel: actor.label,
      }),
    );
    await this.audit.record(em, actor, {
      action: 'filing.status_changed',
      entityType: 'ip_filing',
      entityId: filingId,
      platformId,
      before: { status: current.status, statusEffectiveOn: current.statusEffectiveOn },
      after: {
        status: next.status,
        statusEffectiveOn: next.statusEffectiveOn,
        note: change.note,
        historyId: change.id,
      },
    });
    return this.view(next);
  }

  /** A filing's status history, oldest first. */
  async history(
    platformId: string,
    assetId: string,
    filingId: string,
  ): Promise<IpFilingStatusChange[]> {
    const em = this.dataSource.manager;
    await this.requireFiling(em, platformId, assetId, filingId);
    return em.find(IpFilingStatusChange, { where: { filingId }, order: { id: 'ASC' } });
  }
}
