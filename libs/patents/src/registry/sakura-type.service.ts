import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/kernel';
import { Actor, AuditService } from '@app/access';
import { sakuraTypeNotFound } from './registry-errors';
import { throwFirst } from './registry-problem';
import { SakuraType } from './sakura-type.entity';
import {
  Consideration,
  NonOwnerRight,
  OwnerRule,
  SakuraGroup,
  SakuraTerms,
  sakuraTermsProblems,
} from './sakura-terms';

export interface SakuraTypePatch {
  name?: string;
  group?: SakuraGroup;
  ownerRule?: OwnerRule;
  defaultUniversityShareBp?: number | null;
  nonOwnerRight?: NonOwnerRight;
  consideration?: Consideration;
  optionPeriodMonths?: number | null;
  priorConsentThirdPartyLicence?: boolean;
  exclusivityFee?: boolean;
  verified?: boolean;
  sourceNote?: string;
}

/** Types 9–10 (consortium) stay editable even once verified; 0–8 freeze when verified. */
const FREELY_EDITABLE_FROM = 9;

export function sakuraTermsOf(t: SakuraType): SakuraTerms {
  return {
    type: t.type,
    group: t.group,
    ownerRule: t.ownerRule,
    defaultUniversityShareBp: t.defaultUniversityShareBp,
    nonOwnerRight: t.nonOwnerRight,
    consideration: t.consideration,
    optionPeriodMonths: t.optionPeriodMonths,
    priorConsentThirdPartyLicence: t.priorConsentThirdPartyLicence,
    exclusivityFee: t.exclusivityFee,
  };
}

@Injectable()
export class SakuraTypeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SakuraType[]> {
    return this.dataSource.getRepository(SakuraType).find({ order: { type: 'ASC' } });
  }

  async get(type: number): Promise<SakuraType> {
    const found = await this.dataSource.getRepository(SakuraType).findOne({ where: { type } });
    if (!found) throw sakuraTypeNotFound(type);
    return found;
  }

  /**
   * Edits a type's terms (admin). Types 0–8 can be edited only while unverified: once checked
   * against MEXT's published tool they are frozen. Existing assets keep the terms they were
   * created with.
   */
  async update(actor: Actor, type: number, patch: SakuraTypePatch): Promise<SakuraType> {
    return this.dataSource.transaction(async (em) => {
      const current = await em.findOne(SakuraType, {
        where: { type },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw sakuraTypeNotFound(type);
      if (type < FREELY_EDITABLE_FROM && current.verified) {
        throw DomainError.conflict(
          'SAKURA.TYPE_VERIFIED',
          `Sakura type ${type} has been verified against MEXT's published tool and can no longer be edited`,
          { type },
        );
      }
      const next: SakuraType = { ...current };
      for (const [key, value] of Object.entries(patch) as [keyof SakuraTypePatch, unknown][]) {
        if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
      }
      throwFirst(sakuraTermsProblems(sakuraTermsOf(next)));
      next.updatedAt = new Date();
      const { type: _key, ...changes } = next;
      await em.update(SakuraType, { type }, changes);
      await this.audit.record(em, actor, {
        action: 'sakura_type.updated',
        entityType: 'sakura_type',
        entityId: String(type),
        before: current,
        after: next,
      });
      return next;
    });
  }
}
