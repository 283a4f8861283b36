export * from './research-project.entity';
export * from './project-participant.entity';
export * from './project-funding-source.entity';
export * from './project.service';
export * from './projects.module';
