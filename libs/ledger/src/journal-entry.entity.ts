import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A balanced, append-only journal entry; the database refuses UPDATE and DELETE. */
@Entity('journal_entries')
export class JournalEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  platformId: string;

  @Column('text')
  idempotencyKey: string;

  @Column('text', { select: false })
  requestHash: string;

  @Column('date')
  entryDate: string;

  @Column('int')
  fiscalYear: number;

  @Column('text')
  kind: string;

  @Column('text')
  description: string;

  @Column('uuid', { nullable: true })
  reversesEntryId: string | null;

  @Column('text', { nullable: true })
  sourceType: string | null;

  @Column('uuid', { nullable: true })
  sourceId: string | null;

  @Column('uuid', { nullable: true })
  createdByTokenId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
