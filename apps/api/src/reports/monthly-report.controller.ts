import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '#auth';
import { chinaMonth } from '#domain';
import { MonthlyReportService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { ApiQueryFrom, parseQuery } from '../common/query.js';
import { toXlsx } from '../common/xlsx.js';

const monthQuery = { month: z.string().max(20).optional() };
const monthOf = (q: { month?: string }) => q.month ?? chinaMonth(new Date());

@ApiTags('报表 reports')
@ApiBearerAuth()
@Controller('api/reports')
export class MonthlyReportController {
  constructor(private readonly monthly: MonthlyReportService) {}

  @Get('monthly')
  @ApiOperation({ summary: '月度统计表（按北京时间的自然月，默认本月）：各板块与各园区的新增线索、推送、接收与接收率、签约、开工及各环节投资额，板块的利益共享考核合计。板块账号只见本板块及其园区，园区账号只见本园区' })
  @ApiQueryFrom(monthQuery)
  report(@Query() query: unknown, @CurrentUser() user: Principal) {
    return this.monthly.report(monthOf(parseQuery(monthQuery, query)), user);
  }

  @Get('monthly.xlsx')
  @ApiOperation({ summary: '月度统计表（XLSX：板块、园区两张表，中文表头，可直接转发）；范围同 GET /api/reports/monthly' })
  @ApiQueryFrom(monthQuery)
  async xlsx(@Query() query: unknown, @CurrentUser() user: Principal) {
    const month = monthOf(parseQuery(monthQuery, query));
    const buffer = await toXlsx(await this.monthly.tables(month, user));
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="monthly-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(`月度统计表-${month}`)}.xlsx`,
    });
  }
}
