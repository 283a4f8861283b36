import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A licence receipt corrected by reversing its receipt and sharing entries. Append-only, one per receipt. */
@Entity('licence_receipt_reversals')
export class LicenceReceiptReversal {
  @PrimaryColumn('uuid') receiptId: string;
  @Column('date') reversedOn: string;
  @Column('text') reason: string;
  @Column('uuid') receiptReversalEntryId: string;
  @Column('uuid') sharingReversalEntryId: string;
  @Column('text', { select: false }) idempotencyKey: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
