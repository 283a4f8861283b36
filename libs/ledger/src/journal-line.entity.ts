import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

@Entity('journal_lines')
export class JournalLine {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid')
  entryId: string;

  @Column('uuid')
  accountId: string;

  /** Signed: debit positive, credit negative. */
  @Column('bigint', { transformer: bigintTransformer })
  amount: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  balanceAfter: bigint;

  @Column('bigint', { transformer: bigintTransformer })
  accountVersion: bigint;
}
