import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

/** Licence money received, and the entry that shared it out. Append-only. */
@Entity('licence_receipts')
export class LicenceReceipt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') licenceId: string;
  @Column('date') receivedOn: string;
  @Column('bigint', { transformer: bigintTransformer }) amountYen: bigint;
  @Column('bigint', { transformer: bigintTransformer }) ipFundYen: bigint;
  @Column('uuid') receiptEntryId: string;
  @Column('uuid') sharingEntryId: string;
  @Column('text') idempotencyKey: string;
  @Column('text', { select: false }) requestHash: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
