import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const IP_ASSET_ORIGINS = ['foreground', 'background'] as const;
export type IpAssetOrigin = (typeof IP_ASSET_ORIGINS)[number];

/**
 * An IP asset: a patent family. Foreground IP comes from a project of the platform (under an
 * agreement, optionally); background IP is brought in by a member, its holder.
 */
@Entity('ip_assets')
export class IpAsset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  /** The pool's own docket number (整理番号), unique on the platform when given. */
  @Column('text', { nullable: true })
  reference: string | null;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  abstract: string | null;

  /** Main IPC symbol, stored normalised: `H01M` or `H01M 10/052`. */
  @Column('text')
  technologyField: string;

  @Column('text')
  origin: IpAssetOrigin;

  @Column('uuid', { nullable: true })
  projectId: string | null;

  @Column('uuid', { nullable: true })
  agreementId: string | null;

  @Column('uuid', { nullable: true })
  holderOrganisationId: string | null;

  /** The agreement's Sakura type and its co-ownership terms, as they were when the asset was created. */
  @Column('smallint', { nullable: true })
  sakuraType: number | null;

  @Column('boolean', { nullable: true })
  priorConsentThirdPartyLicence: boolean | null;

  @Column('boolean', { nullable: true })
  exclusivityFee: boolean | null;

  /** True when the initial owners were derived from the agreement's type (none were given). */
  @Column('boolean')
  ownersFromAgreement: boolean;

  @Column('boolean')
  pooled: boolean;

  @Column('boolean')
  researchCommons: boolean;

  /** Members' catalogue hides the abstract of confidential assets. */
  @Column('boolean')
  confidential: boolean;

  @Column('date')
  createdOn: string;

  /** Application date of the family's first filing, when known at creation: option periods run from it. */
  @Column('date', { nullable: true })
  filedOn: string | null;

  @Column('uuid', { nullable: true })
  createdByTokenId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
