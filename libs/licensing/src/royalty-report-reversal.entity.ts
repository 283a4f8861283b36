import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A royalty report withdrawn by reversing its invoice (if it had one). Append-only, one per report. */
@Entity('licence_royalty_report_reversals')
export class RoyaltyReportReversal {
  @PrimaryColumn('uuid') reportId: string;
  @Column('date') reversedOn: string;
  @Column('text') reason: string;
  @Column('uuid', { nullable: true }) entryId: string | null;
  @Column('text', { select: false }) idempotencyKey: string;
  @Column('text', { select: false }) requestHash: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
