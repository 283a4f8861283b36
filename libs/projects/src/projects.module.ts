import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { ProjectService } from './project.service';

@Module({
  imports: [AccessModule],
  providers: [ProjectService],
  exports: [ProjectService],
})
export class ProjectsModule {}
