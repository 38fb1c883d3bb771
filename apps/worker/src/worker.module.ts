import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type CoreModuleOptions } from '#core';
import { PipelineWorkerModule } from '#pipeline';

/** The worker process: no HTTP, only the BullMQ processors of the pipeline. */
@Module({})
export class WorkerModule {
  static register(core: CoreModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(core), PipelineWorkerModule.register({ redisUrl: core.redisUrl, prefix: core.settings.QUEUE_PREFIX, lockDuration: core.settings.JOB_LOCK_MS })],
    };
  }
}
