import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

/** A licensee's report of net sales for a period, with the royalties it owes. Append-only. */
@Entity('licence_royalty_reports')
export class RoyaltyReport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') licenceId: string;
  @Column('date') periodStart: string;
  @Column('date') periodEnd: string;
  @Column('integer') licenceYear: number;
  @Column('bigint', { transformer: bigintTransformer }) netSalesYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) royaltyYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) minimumTopUpYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) dueYen: bigint;
  @Column('uuid', { nullable: true }) entryId: string | null;
  @Column('text') idempotencyKey: string;
  @Column('text', { select: false }) requestHash: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
