import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

export type FundingSourceKind = 'company' | 'public_matching' | 'university';

/** Planned funding of a project per fiscal year: company money, public matching money (e.g. JST OPERA), university money. */
@Entity('project_funding_sources')
export class ProjectFundingSource {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  projectId: string;

  @Column('text')
  sourceKind: FundingSourceKind;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('text', { nullable: true })
  funderName: string | null;

  @Column('int')
  fiscalYear: number;

  @Column('bigint', { transformer: bigintTransformer })
  plannedAmountYen: bigint;
}
