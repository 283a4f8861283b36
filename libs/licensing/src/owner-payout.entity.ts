import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

/** Money paid to an owner from its share of licence income (payable → bank). Append-only. */
@Entity('owner_payouts')
export class OwnerPayout {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') platformId: string;
  @Column('uuid') organisationId: string;
  @Column('date') paidOn: string;
  @Column('bigint', { transformer: bigintTransformer }) amountYen: bigint;
  @Column('text', { nullable: true }) note: string | null;
  @Column('uuid') entryId: string;
  @Column('text') idempotencyKey: string;
  @Column('text', { select: false }) requestHash: string;
  @Column('uuid', { nullable: true }) createdByTokenId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
