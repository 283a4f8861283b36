import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

@Entity('contribution_receipts')
export class ContributionReceipt {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') contributionId: string;
  @Column('date') receivedOn: string;
  @Column('bigint', { transformer: bigintTransformer }) amountYen: bigint;
  @Column('uuid') entryId: string;
  @Column('text') idempotencyKey: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
