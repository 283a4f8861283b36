import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

/** Derived: a company's contributions to a project in a fiscal year against all company funding of it. */
@Entity('funding_shares')
export class FundingShare {
  @PrimaryColumn('uuid') platformId: string;
  @PrimaryColumn('uuid') projectId: string;
  @PrimaryColumn('uuid') organisationId: string;
  @PrimaryColumn('int') fiscalYear: number;
  @Column('bigint', { transformer: bigintTransformer }) contributedYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) projectCompanyTotalYen: bigint;
}
