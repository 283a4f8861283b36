import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The owners of an asset from a date on. Versions are never edited: a change is a new version. */
@Entity('ip_ownership_versions')
export class IpOwnershipVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  assetId: string;

  @Column('integer')
  version: number;

  @Column('date')
  effectiveFrom: string;

  @Column('text', { nullable: true })
  reason: string | null;

  @Column('uuid', { nullable: true })
  createdByTokenId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
