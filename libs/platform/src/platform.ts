import { Module, type DynamicModule, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, type CoreModuleOptions } from '#core';
import { PipelineModule, PipelineWorkerModule } from '#pipeline';

/** The pipeline without HTTP: its services, the outbox relay and (unless `workers` is false) the BullMQ workers (the worker process; the load run). */
@Module({})
export class PlatformModule {
  static register(core: CoreModuleOptions, workers = true): DynamicModule {
    const worker = { redisUrl: core.redisUrl, prefix: core.settings.QUEUE_PREFIX, lockDuration: core.settings.JOB_LOCK_MS };
    return { module: PlatformModule, imports: [CoreModule.forRoot(core), PipelineModule, ...(workers ? [PipelineWorkerModule.register(worker)] : [])] };
  }
}

export interface StartPlatformOptions extends CoreModuleOptions {
  logger?: LoggerService | LogLevel[] | false;
  /** Host the workers in this process (as the API does with the embedded database); false when worker processes run beside it. */
  workers?: boolean;
}

/**
 * Starts the pipeline in this process for a command that drives it directly, such as the load run:
 * `app.get(LeadService)`, `app.close()`. No port is opened; the HTTP API is apps/api's.
 */
export async function startPlatform(o: StartPlatformOptions): Promise<{ app: INestApplication }> {
  const app = await NestFactory.create(PlatformModule.register(o, o.workers ?? true), { logger: o.logger ?? ['error', 'warn'], abortOnError: false });
  await app.init();
  return { app };
}
