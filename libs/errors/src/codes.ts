/**
 * Every error code a client can receive, with its HTTP status and what it means in Chinese. A code is a
 * stable contract (clients branch on it, the OpenAPI document lists it); the message thrown with it says
 * what to do in this case. Add a code to the section of its area; never rename or reuse one.
 */
export const ERROR_CODES = {
  // ── general: the request itself
  VALIDATION_FAILED: { status: 400, message: '请求参数无效' },
  INVALID_JSON: { status: 400, message: '请求体不是合法的 JSON' },
  INVALID_ENCODING: { status: 400, message: '请求的字符编码无效' },
  INVALID_DATA: { status: 400, message: '输入的数据无法保存' },
  UNAUTHENTICATED: { status: 401, message: '未登录或登录已失效' },
  FORBIDDEN: { status: 403, message: '当前账号无权执行此操作' },
  NOT_FOUND: { status: 404, message: '请求的对象不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '没有这个接口' },
  CONFLICT: { status: 409, message: '与当前状态冲突' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求体或上传文件过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的内容类型' },
  UNPROCESSABLE: { status: 422, message: '请求与先前的请求矛盾' },
  TOO_MANY_REQUESTS: { status: 429, message: '请求过于频繁' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
  DATABASE_BUSY: { status: 503, message: '数据库繁忙' },
  REQUEST_TIMEOUT: { status: 503, message: '请求未能在时限内完成' },
  READ_ONLY: { status: 405, message: '只读模式，不能修改' },
  NOT_ENABLED: { status: 503, message: '该功能未启用' },
  CONCURRENT_CHANGE: { status: 409, message: '记录已被他人同时修改' },
  DATA_RULE_REFUSED: { status: 409, message: '数据规则拒绝了本次写入' },

  // ── accounts and sign-in (libs/auth)
  BAD_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_DISABLED: { status: 401, message: '账号已停用' },
  TOKEN_INVALID: { status: 401, message: '登录凭证无效' },
  TOKEN_REVOKED: { status: 401, message: '登录凭证已吊销或已退出' },
  TOKEN_EXPIRED: { status: 401, message: '登录凭证已过期' },
  ROLE_FORBIDDEN: { status: 403, message: '当前角色无权执行此操作' },
  USER_NOT_FOUND: { status: 404, message: '账号不存在' },
  API_TOKEN_NOT_FOUND: { status: 404, message: 'API 令牌不存在' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  SIGN_IN_THROTTLED: { status: 429, message: '登录尝试过于频繁' },

  // ── catalog: boards and parks
  BOARD_UNKNOWN: { status: 400, message: '请求中的板块不存在' },
  PARK_UNKNOWN: { status: 400, message: '请求中的园区不存在' },
  PARK_NOT_FOUND: { status: 404, message: '园区不存在' },

  // ── leads, scoring and review
  LEAD_NOT_FOUND: { status: 404, message: '线索不存在或不在可查看范围内' },
  LEAD_NOT_IN_REVIEW: { status: 409, message: '线索不在待研判列表中' },
  LEAD_NOT_SCORED: { status: 409, message: '线索尚未完成评分' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: 'Idempotency-Key 已用于另一份内容' },
  INVALID_CLOSE_REASON: { status: 400, message: '关闭原因代码无效' },
  RESCORE_RUN_NOT_FOUND: { status: 404, message: '重算任务不存在' },
  NOTIFICATION_NOT_FOUND: { status: 404, message: '通知不存在' },

  // ── offers to parks, decisions and stages
  OFFER_NOT_FOUND: { status: 404, message: '推荐不存在' },
  OFFER_ALREADY_DECIDED: { status: 409, message: '推荐已处理' },
  OFFER_ALREADY_SENT: { status: 409, message: '已向该园区推送过' },
  LEAD_ALREADY_ACCEPTED: { status: 409, message: '线索已被园区接收' },
  DUPLICATE_ON_HOLD: { status: 409, message: '疑似项目撞车，待市科技局裁定' },
  INVALID_DECLINE_REASON: { status: 400, message: '拒绝原因代码无效' },
  INVALID_STAGE: { status: 400, message: '项目阶段无效' },
  STAGE_NOT_ALLOWED: { status: 409, message: '不能进入该项目阶段' },
  PARK_PROFILE_INVALID: { status: 400, message: '园区主攻方向无效' },

  // ── the daily work around a lead: 跟进记录, 责任人, exports
  WORK_LOG_FORBIDDEN: { status: 403, message: '跟进记录与责任人只对来源板块、承接园区和市科技局开放' },
  OWNER_ASSIGN_FORBIDDEN: { status: 403, message: '只有来源板块或承接园区可以指派责任人' },
  OWNER_NOT_STAFF: { status: 400, message: '责任人须为本板块或本园区在用的账号' },
  FOLLOW_UP_INVALID: { status: 400, message: '跟进记录的下一步与日期不完整或不一致' },
  EXPORT_TOO_LARGE: { status: 400, message: '导出的行数超过上限' },
  ATTACHMENT_TYPE_REFUSED: { status: 415, message: '附件类型不受支持' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: '附件超过大小上限' },
  ATTACHMENT_MISSING: { status: 400, message: '没有收到附件文件或文件为空' },
  ATTACHMENT_NOT_FOUND: { status: 404, message: '附件不存在' },
  ATTACHMENT_DELETE_FORBIDDEN: { status: 403, message: '只有上传人或来源板块可以删除附件' },
  ATTACHMENT_LIMIT: { status: 409, message: '附件数量已达上限' },

  // ── imports
  IMPORT_NOT_FOUND: { status: 404, message: '导入批次不存在' },
  IMPORT_FINISHED: { status: 409, message: '导入批次已结束' },
  UNSUPPORTED_FILE: { status: 400, message: '不支持的文件格式' },

  // ── webhooks
  WEBHOOK_NOT_FOUND: { status: 404, message: 'webhook 不存在' },
  WEBHOOK_LIMIT: { status: 409, message: 'webhook 数量已达上限' },
  WEBHOOK_DUPLICATE: { status: 409, message: '已订阅过这个地址' },
  WEBHOOK_TARGET_REFUSED: { status: 400, message: 'webhook 地址不允许' },
  INVALID_RECIPIENT: { status: 400, message: '接收方无效' },

  // ── park listings (应用场景 / 基金 / 载体) and their matching
  LISTING_NOT_FOUND: { status: 404, message: '招商资源不存在' },
  LISTING_FIXED_FIELD: { status: 400, message: '资源的种类与发布园区不能修改' },
  LISTING_DEADLINE_PASSED: { status: 400, message: '应用场景的截止日期已过' },
  FUND_TICKET_RANGE: { status: 400, message: '基金单笔投资范围无效' },
  PROSPECT_BATCH_NOT_FOUND: { status: 404, message: '企业名单导入批次不存在' },
  PROSPECT_NOT_FOUND: { status: 404, message: '招商对象不存在' },
  PROSPECT_DECIDED: { status: 409, message: '招商对象已转为线索或已忽略' },
  FIRM_LIST_INVALID: { status: 400, message: '园区现有企业名单无法导入' },

  // ── benefit-sharing ledger (利益共享; the codes of libs/sharing's rules)
  SHARING_RECORD_NOT_FOUND: { status: 404, message: '利益共享记录不存在' },
  SAME_BOARD: { status: 409, message: '同一板块内的项目不产生利益共享' },
  OFFER_NOT_ACCEPTED: { status: 409, message: '推荐尚未被接收' },
  PARK_BOARD_MISMATCH: { status: 409, message: '园区与板块不符' },
  INDICATOR_MISSING: { status: 400, message: '缺少指标' },
  MODE_NOT_ALLOWED: { status: 400, message: '计算方式不允许' },
  SPLIT_NOT_INTEGER: { status: 400, message: '分算比例须为整数基点' },
  SPLIT_SUM_NOT_FULL: { status: 400, message: '分算比例之和须为 100%' },
  SPLIT_OUT_OF_RANGE: { status: 400, message: '分算比例超出允许范围' },
  REVENUE_SHARE_OUT_OF_RANGE: { status: 400, message: '收益分成比例超出允许范围' },
  REVENUE_YEARS_OUT_OF_RANGE: { status: 400, message: '收益分成年限超出允许范围' },
  CREDIT_WINDOW_OUT_OF_RANGE: { status: 400, message: '统计年限超出允许范围' },
  START_EVENT_NOT_ALLOWED: { status: 400, message: '起算事件不允许' },
  AGREEMENT_REF_REQUIRED: { status: 400, message: '须填写协议编号' },
  POLICY_VERSION_MISMATCH: { status: 400, message: '政策版本不符' },
  ROLE_NOT_ALLOWED: { status: 403, message: '当前角色不能执行此操作' },
  WRONG_BOARD: { status: 403, message: '不是本板块的记录' },
  WRONG_PARK: { status: 403, message: '不是本园区的记录' },
  ALREADY_CONFIRMED: { status: 409, message: '已确认过' },
  CONFIRMATIONS_MISSING: { status: 409, message: '尚缺双方确认' },
  ALREADY_DECIDED: { status: 409, message: '已审批' },
  RECORD_FROZEN: { status: 409, message: '记录已冻结' },
  COMMENT_REQUIRED: { status: 400, message: '须填写意见' },
  ALREADY_SIGNED: { status: 409, message: '项目已签约' },
  REJECTED_RECORD: { status: 409, message: '记录已被驳回' },
  NOT_APPROVED: { status: 409, message: '记录尚未审批通过' },
  INVALID_DATE: { status: 400, message: '日期无效' },
  STALE_REVISION: { status: 409, message: '记录版本已过期，请刷新' },
  AMENDMENT_UNCHANGED: { status: 400, message: '变更内容与现行条款相同' },
  INVALID_INPUT: { status: 400, message: '输入无效' },
  INDICATOR_VALUE_FORBIDDEN: { status: 403, message: '无权填报指标数值' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const isErrorCode = (s: string): s is ErrorCode => Object.hasOwn(ERROR_CODES, s);
