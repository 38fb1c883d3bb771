import { Controller, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { REPORT_QUERIES } from '#contract';
import { chinaMonth } from '#domain';
import { MonthlyReportService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, ParsedQuery, type QueryOf } from '../common/endpoint.js';
import { toXlsx } from '../common/xlsx.js';

const monthQuery = REPORT_QUERIES.monthly;
const monthOf = (q: QueryOf<typeof monthQuery>) => q.month ?? chinaMonth(new Date());

@ApiTags('报表 reports')
@ApiBearerAuth()
@Controller('api/reports')
export class MonthlyReportController {
  constructor(private readonly monthly: MonthlyReportService) {}

  @Endpoint({
    get: 'monthly', query: monthQuery,
    summary: '月度统计表（按北京时间的自然月，默认本月）：各板块与各园区的新增线索、推送、接收与接收率、签约、开工及各环节投资额，板块的利益共享考核合计。板块账号只见本板块及其园区，园区账号只见本园区',
  })
  report(@ParsedQuery() q: QueryOf<typeof monthQuery>, @CurrentUser() user: Principal) {
    return this.monthly.report(monthOf(q), user);
  }

  @Endpoint({ get: 'monthly.xlsx', query: monthQuery, summary: '月度统计表（XLSX：板块、园区两张表，中文表头，可直接转发）；范围同 GET /api/reports/monthly' })
  async xlsx(@ParsedQuery() q: QueryOf<typeof monthQuery>, @CurrentUser() user: Principal) {
    const month = monthOf(q);
    const buffer = await toXlsx(await this.monthly.tables(month, user));
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="monthly-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(`月度统计表-${month}`)}.xlsx`,
    });
  }
}
