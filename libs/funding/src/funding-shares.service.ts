import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, isMember } from '@app/access';
import { DerivedKind, DerivedStatus, derivedStatus, markComputed, requestedVersion } from '@app/queue';
import { FundingShare } from './funding-share.entity';

export interface FundingSharesResult {
  status: DerivedStatus;
  shares: FundingShare[];
}

@Injectable()
export class FundingSharesService {
  private readonly logger = new Logger(FundingSharesService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rebuilds a platform's funding shares in one set-based statement, in one REPEATABLE READ
   * transaction: the rows and the version they reflect come from the same snapshot, and a kill
   * at any point rolls back to the previous complete result.
   */
  async recompute(platformId: string): Promise<{ version: number; rows: number }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const version = await requestedVersion(em, platformId, DerivedKind.FundingShares);
      await em.query('DELETE FROM funding_shares WHERE platform_id = $1', [platformId]);
      const inserted = await em.query<unknown[]>(
        `INSERT INTO funding_shares (platform_id, project_id, organisation_id, fiscal_year, contributed_yen, project_company_total_yen)
         SELECT c.platform_id, c.project_id, c.organisation_id, c.fiscal_year, sum(c.direct_cost_yen),
                sum(sum(c.direct_cost_yen)) OVER (PARTITION BY c.project_id, c.fiscal_year)
           FROM contributions c
          WHERE c.platform_id = $1 AND c.source_kind = 'company'
            AND NOT EXISTS (SELECT 1 FROM contribution_reversals r WHERE r.contribution_id = c.id)
          GROUP BY c.platform_id, c.project_id, c.organisation_id, c.fiscal_year
         RETURNING 1`,
        [platformId],
      );
      await markComputed(em, platformId, DerivedKind.FundingShares, version);
      this.logger.log({ platformId, version, rows: inserted.length }, 'funding shares recomputed');
      return { version, rows: inserted.length };
    });
  }

  /** Shares with when they were computed and whether newer contributions are still pending. */
  async read(actor: Actor, platformId: string, filter: { fiscalYear?: number; projectId?: string }): Promise<FundingSharesResult> {
    const qb = this.dataSource
      .getRepository(FundingShare)
      .createQueryBuilder('s')
      .where('s.platform_id = :platformId', { platformId })
      .orderBy('s.fiscal_year')
      .addOrderBy('s.project_id')
      .addOrderBy('s.organisation_id');
    if (filter.fiscalYear !== undefined) qb.andWhere('s.fiscal_year = :fy', { fy: filter.fiscalYear });
    if (filter.projectId) qb.andWhere('s.project_id = :projectId', { projectId: filter.projectId });
    if (isMember(actor)) qb.andWhere('s.organisation_id = :own', { own: actor.organisationId });
    const [status, shares] = await Promise.all([
      derivedStatus(this.dataSource.manager, platformId, DerivedKind.FundingShares),
      qb.getMany(),
    ]);
    return { status, shares };
  }
}
