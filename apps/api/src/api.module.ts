import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '#auth';
import { CoreModule, type CoreModuleOptions } from '#core';
import { DemoDataService, PipelineModule, PipelineWorkerModule } from '#pipeline';
import type { WorkerOptions } from '#queues';
import { ConsoleController } from './console-api/console.controller.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditInterceptor } from './auth/audit.interceptor.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { WriteRateGuard } from './auth/write-rate.guard.js';
import { HealthController } from './health/health.controller.js';
import { ImportController } from './imports/import.controller.js';
import { LeadController, StaffController } from './leads/lead.controller.js';
import { AttachmentController } from './leads/attachment.controller.js';
import { ListingController } from './listings/listing.controller.js';
import { ProspectController } from './listings/prospect.controller.js';
import { InboxController, OverdueController } from './offers/inbox.controller.js';
import { ParkController } from './parks/park.controller.js';
import { ParkChainController } from './parks/park-chain.controller.js';
import { ReviewController } from './review/review.controller.js';
import { MonthlyReportController } from './reports/monthly-report.controller.js';
import { ReportController } from './reports/report.controller.js';
import { SharingController } from './sharing/sharing.controller.js';
import { WebhookController } from './webhooks/webhook.controller.js';

export interface ApiModuleOptions {
  core: CoreModuleOptions;
  /** With the embedded database (PGlite is in-process) the API process also runs the workers. */
  inProcessWorker?: WorkerOptions;
}

@Module({})
export class ApiModule {
  static register(o: ApiModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(o.core), PipelineModule, AuthModule, ...(o.inProcessWorker ? [PipelineWorkerModule.register(o.inProcessWorker)] : [])],
      controllers: [ConsoleController, HealthController, ParkController, LeadController, StaffController, AttachmentController, InboxController, OverdueController, ReviewController, ImportController, AuthController, AuditController, SharingController, WebhookController, ListingController, ReportController, MonthlyReportController, ProspectController, ParkChainController],
      // Every route signs in unless @Public(); writes are rate-limited; changes and personal-data views are audited.
      providers: [DemoDataService, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_GUARD, useClass: WriteRateGuard }, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
    };
  }
}
