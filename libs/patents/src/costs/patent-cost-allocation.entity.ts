import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';
import { PayerKind } from './cost-allocation.calculator';

/** One payer's part of a cost in one allocation version; a re-allocation writes a new version. */
@Entity('patent_cost_allocations')
export class PatentCostAllocation {
  @PrimaryColumn('uuid') costId: string;
  @PrimaryColumn('integer') allocationVersion: number;
  @PrimaryColumn('smallint') position: number;
  @Column('text') payerKind: PayerKind;
  @Column('uuid', { nullable: true }) organisationId: string | null;
  @Column('uuid', { nullable: true }) projectId: string | null;
  @Column('bigint', { transformer: bigintTransformer }) amountYen: bigint;
  @Column('text') rule: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
