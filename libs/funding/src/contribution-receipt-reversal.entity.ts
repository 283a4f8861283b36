import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A contribution receipt corrected by a reversal entry. Append-only, one per receipt. */
@Entity('contribution_receipt_reversals')
export class ContributionReceiptReversal {
  @PrimaryColumn('uuid') receiptId: string;
  @Column('date') reversedOn: string;
  @Column('text') reason: string;
  @Column('uuid') entryId: string;
  @Column('text') idempotencyKey: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
