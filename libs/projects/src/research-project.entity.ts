import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ProjectKind = 'cooperative' | 'individual';

/** 研究開発課題: a cooperative (non-competitive, OPERA-funded) or individual research project. */
@Entity('research_projects')
export class ResearchProject {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('text')
  code: string;

  @Column('text')
  title: string;

  @Column('text')
  kind: ProjectKind;

  @Column('date')
  startsOn: string;

  @Column('date')
  endsOn: string;

  @Column('uuid', { nullable: true })
  derivedFromProjectId: string | null;

  @Column('text', { nullable: true })
  technologyField: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
