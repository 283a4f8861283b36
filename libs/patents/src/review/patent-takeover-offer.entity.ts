import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type TakeoverOfferStatus = 'offered' | 'accepted' | 'closed';

/** An abandon decision on a co-owned filing, offered to the other co-owners until a deadline. Settled once. */
@Entity('patent_takeover_offers')
export class PatentTakeoverOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('uuid')
  decisionId: string;

  @Column('uuid')
  assetId: string;

  @Column('uuid')
  filingId: string;

  @Column('date')
  offeredOn: string;

  @Column('date')
  deadline: string;

  /** Organisations that may take the filing over. */
  @Column('uuid', { array: true })
  offeredTo: string[];

  @Column('text')
  status: TakeoverOfferStatus;

  @Column('uuid', { nullable: true })
  takenByOrganisationId: string | null;

  @Column('date', { nullable: true })
  resolvedOn: string | null;

  /** The ownership version that moved the asset to the taker. */
  @Column('uuid', { nullable: true })
  ownershipVersionId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;
}
