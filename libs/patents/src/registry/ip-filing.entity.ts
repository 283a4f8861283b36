import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { UsptoEntityStatus } from './filing-rules';
import { IpFilingStatus } from './filing-status';

/** One application of a patent family at one office (JP, PCT, US, EP, CN, KR, …). */
@Entity('ip_filings')
export class IpFiling {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('uuid')
  assetId: string;

  @Column('text')
  jurisdiction: string;

  /** For a national phase entry: the PCT application it comes from. */
  @Column('uuid', { nullable: true })
  parentFilingId: string | null;

  @Column('text', { nullable: true })
  applicationNumber: string | null;

  @Column('date', { nullable: true })
  applicationDate: string | null;

  @Column('date', { nullable: true })
  priorityDate: string | null;

  @Column('date', { nullable: true })
  grantDate: string | null;

  /** Registration / patent number once granted. */
  @Column('text', { nullable: true })
  registrationNumber: string | null;

  @Column('integer', { nullable: true })
  claimsCount: number | null;

  /** USPTO entity status the fees are paid at; US filings only. */
  @Column('text', { nullable: true })
  entityStatus: UsptoEntityStatus | null;

  @Column('text')
  status: IpFilingStatus;

  /** Date the current status took effect. */
  @Column('date')
  statusEffectiveOn: string;

  @Column('uuid', { nullable: true })
  createdByTokenId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
