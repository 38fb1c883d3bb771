import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PlatformHealthService } from '#pipeline';
import { Endpoint } from '../common/endpoint.js';

@ApiTags('运行状态 health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: PlatformHealthService) {}

  @Endpoint({ get: '', public: true, summary: '数据库、Redis 与工作进程的存活状态；任一异常时返回 503' })
  async check(@Res({ passthrough: true }) res: Response) {
    const report = await this.health.check();
    res.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
