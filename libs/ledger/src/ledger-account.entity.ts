import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';
import { AccountType } from './chart-of-accounts';

@Entity('ledger_accounts')
export class LedgerAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('text')
  code: string;

  @Column('text')
  type: AccountType;

  @Column('text')
  name: string;

  @Column('uuid', { nullable: true })
  projectId: string | null;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('bigint', { transformer: bigintTransformer })
  balance: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  version: bigint;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
