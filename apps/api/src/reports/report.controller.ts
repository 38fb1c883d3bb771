import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { REPORT_QUERIES } from '#contract';
import { IndustryMapService, PrecisionReportService } from '#pipeline';
import { Endpoint, ParsedQuery, type QueryOf } from '../common/endpoint.js';

const monthQuery = REPORT_QUERIES.precision;
const mapQuery = REPORT_QUERIES.industryMap;

@ApiTags('报表 reports')
@Controller('api')
export class ReportController {
  constructor(private readonly precision: PrecisionReportService, private readonly industryMap: IndustryMapService) {}

  @Endpoint({ get: 'reports/precision', roles: ['manager', 'admin'], query: monthQuery, summary: '月度推荐精准度：按园区与全市统计当月（北京时间）发出的推荐数、接收、按原因的拒绝、签约，以及推荐接收率（口径见 definitions）' })
  monthly(@ParsedQuery() q: QueryOf<typeof monthQuery>) {
    return this.precision.month(q.month);
  }

  @Endpoint({ get: 'industry-map', roles: ['manager', 'admin'], query: mapQuery, summary: '产业招商图谱：行业分类的上下游链条、各环节覆盖园区、无园区覆盖的补链缺口、各环节线索数；q 搜索，gaps=true 只看缺口' })
  map(@ParsedQuery() q: QueryOf<typeof mapQuery>) {
    return this.industryMap.map(q.q, q.gaps === 'true');
  }
}
