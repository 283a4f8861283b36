import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

export const PATENT_COST_KINDS = [
  'filing_fee',
  'examination_fee',
  'attorney_fee',
  'translation_fee',
  'office_action',
  'annual_fee',
  'late_surcharge',
] as const;
export type PatentCostKind = (typeof PATENT_COST_KINDS)[number];

/** planned → (invoiced →) approved → paid; planned/invoiced/approved → cancelled; paid → reversed. */
export type PatentCostStatus =
  'planned' | 'invoiced' | 'approved' | 'paid' | 'cancelled' | 'reversed';

/** One cost of one filing, in the office's currency and in yen (with the rate it used). */
@Entity('patent_cost_events')
export class PatentCostEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') platformId: string;
  @Column('uuid') assetId: string;
  @Column('uuid') filingId: string;
  @Column('text') kind: PatentCostKind;
  @Column('integer', { nullable: true }) feeYear: number | null;
  @Column('integer', { nullable: true }) feeYearTo: number | null;
  @Column('text') currency: 'JPY' | 'USD' | 'EUR';
  @Column('bigint', { transformer: bigintTransformer }) amount: bigint;
  @Column('bigint', { transformer: bigintTransformer }) amountYen: bigint;
  @Column('date', { nullable: true }) rateDate: string | null;
  @Column('text', { nullable: true }) yenPerUnit: string | null;
  @Column('date') dueOn: string;
  @Column('integer') fiscalYear: number;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') source: 'manual' | 'generated';
  @Column('text') status: PatentCostStatus;
  @Column('integer') allocationVersion: number;
  @Column('text', { nullable: true }) allocationRule: string | null;
  @Column('uuid', { nullable: true }) approvalEntryId: string | null;
  @Column('text', { nullable: true }) idempotencyKey: string | null;
  @Column('text', { nullable: true, select: false }) requestHash: string | null;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
