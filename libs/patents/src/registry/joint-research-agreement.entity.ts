import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A joint-research agreement (共同研究契約) of a project; its Sakura type fixes who owns the results. */
@Entity('joint_research_agreements')
export class JointResearchAgreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('uuid')
  projectId: string;

  @Column('smallint')
  sakuraType: number;

  @Column('uuid')
  universityId: string;

  @Column('text')
  title: string;

  @Column('date')
  signedOn: string;

  @Column('uuid', { nullable: true })
  createdByTokenId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
