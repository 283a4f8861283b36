import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

export type ContributionSource = 'company' | 'public_matching';

/** Company C funds project P in fiscal year Y with direct cost D; the overhead split is frozen at invoicing. */
@Entity('contributions')
export class Contribution {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') platformId: string;
  @Column('uuid') projectId: string;
  @Column('text') sourceKind: ContributionSource;
  @Column('uuid', { nullable: true }) organisationId: string | null;
  @Column('text', { nullable: true }) funderName: string | null;
  @Column('int') fiscalYear: number;
  @Column('bigint', { transformer: bigintTransformer }) directCostYen: bigint;
  @Column('int') overheadRateBp: number;
  @Column('int') standardOverheadRateBp: number;
  @Column('bigint', { transformer: bigintTransformer }) overheadYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) standardOverheadYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) ipFundYen: bigint;
  @Column('uuid', { nullable: true }) policyVersionId: string | null;
  @Column('date') invoicedOn: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid') invoiceEntryId: string;
  @Column('text') idempotencyKey: string;
  @Column('text', { select: false }) requestHash: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
