import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from '@app/database/column-types';

/** One recipient's part of a licence receipt: the IP fund, or an owner for one asset. */
@Entity('licence_income_shares')
export class LicenceIncomeShare {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('uuid') receiptId: string;
  @Column('text') recipient: 'ip_fund' | 'owner';
  @Column('uuid', { nullable: true }) assetId: string | null;
  @Column('uuid', { nullable: true }) organisationId: string | null;
  @Column('bigint', { transformer: bigintTransformer }) amountYen: bigint;
}
