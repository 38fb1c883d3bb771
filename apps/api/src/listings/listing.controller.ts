import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '#auth';
import { LISTING_QUERIES, listingRequest } from '#contract';
import { ListingMatchService, ListingService } from '#pipeline';
import { CurrentUser } from '../auth/decorators.js';
import { Endpoint, ParsedQuery, type QueryOf } from '../common/endpoint.js';
import { toPage } from '../common/query.js';
import { LISTING_EXAMPLES, parseListing } from './listing.dto.js';

const listQuery = LISTING_QUERIES.list;

@ApiTags('招商资源 listings（应用场景、基金、载体）')
@ApiBearerAuth()
@Controller('api')
export class ListingController {
  constructor(private readonly listings: ListingService, private readonly matching: ListingMatchService) {}

  // parseListing picks the kind's schema first: one message for a missing kind.
  @Endpoint({
    post: 'listings', roles: ['park_operator', 'manager', 'admin'], body: listingRequest, example: LISTING_EXAMPLES.scenario,
    summary: '发布一项应用场景、基金或载体（园区运营以本园区发布；市科技局须给 park），全市可见',
  })
  create(@Body() body: unknown, @CurrentUser() user: Principal) {
    return this.listings.create(parseListing(body), user);
  }

  @Endpoint({ get: 'listings', query: listQuery, summary: '全市的应用场景、基金与载体：按种类、园区、板块、状态、关键词筛选，分页' })
  list(@ParsedQuery() q: QueryOf<typeof listQuery>) {
    return this.listings.list({ kind: q.kind, parkId: q.park, boardId: q.board, status: q.status, q: q.q || undefined }, toPage(q));
  }

  @Endpoint({ get: 'listings/:id', summary: '一项资源的当前内容与全部历史版本' })
  detail(@Param('id') id: string) {
    return this.listings.detail(id);
  }

  @Endpoint({
    post: 'listings/:id/revisions', roles: ['park_operator', 'manager', 'admin'], status: 200, body: listingRequest,
    example: { ...LISTING_EXAMPLES.carrier, availability: 'partial', note: '已出让 40 亩' },
    summary: '修订一项资源：提交修订后的完整内容，保存为新版本（旧版本保留可查）；内容未变不新增版本',
  })
  revise(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: Principal) {
    return this.listings.revise(id, parseListing(body), user);
  }

  @Endpoint({ get: 'listings/:id/leads', summary: '与一项资源契合的在办线索（同一匹配引擎），附理由；其他板块的线索只见脱敏内容' })
  leads(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.matching.leadsFor(id, user);
  }

  @Endpoint({
    get: 'stats/proactive', roles: ['manager', 'admin'],
    summary: '主动招商统计（各园区）：应用场景发布/开放/关闭及契合线索、基金及契合线索、载体按可用情况、招商对象转线索/忽略（口径见 definitions）',
  })
  stats() {
    return this.matching.stats();
  }

  @Endpoint({ get: 'leads/:id/listings', summary: '与一条线索契合的应用场景、基金和载体（文字用同一匹配引擎，用地、面积、用电按数值比较），附理由' })
  forLead(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.matching.forLead(id, user);
  }
}
