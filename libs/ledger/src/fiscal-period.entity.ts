import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fiscal year's books; no row means open. Closing and reopening are audited. */
@Entity('fiscal_periods')
export class FiscalPeriod {
  @PrimaryColumn('uuid')
  platformId: string;

  @PrimaryColumn('int')
  fiscalYear: number;

  @Column('text')
  status: 'open' | 'closed';

  @Column('timestamptz')
  changedAt: Date;

  @Column('uuid', { nullable: true })
  changedByTokenId: string | null;
}
