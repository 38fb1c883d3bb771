/**
 * The one table of who may import whom in the monorepo: per app and lib, its role, the libs it may import,
 * for pure libs the only outside packages and Node built-ins (none unless listed) they may use, and the libs its specs and benchmarks may use besides
 * (testLibs: the real catalog as test data). .dependency-cruiser.cjs makes rules of it
 * (checked by `npm test`), and docs/architecture.md's table and graph are rendered from it and from the real
 * imports by scripts/boundaries.mjs.
 */
const LAYERS = {
  'libs/errors': { role: '错误代码与 DomainError（无任何依赖）', pure: true, libs: [], packages: [] },
  'libs/domain': { role: '领域规则：角色与可见范围、阶段、原因、推荐规则', pure: true, libs: ['libs/errors'], packages: [] },
  'libs/sharing': { role: '利益共享的纯规则（条款、生命周期、合计）', pure: true, libs: ['libs/domain', 'libs/errors'], packages: ['zod'] },
  'libs/matching': { role: '线索与园区的匹配引擎', pure: true, libs: [], packages: ['@node-rs/jieba', 'natural'], testLibs: ['libs/catalog'] },
  'libs/intake': { role: '线索录入：解析、校验、脱敏、导入文件', pure: true, libs: ['libs/domain'], packages: ['zod', 'csv-parse', 'exceljs'], builtins: ['fs', 'fs/promises', 'os', 'stream', 'url', 'worker_threads', 'zlib'] },
  'libs/contract': { role: 'API 与控制台共用的请求与应答格式（zod；控制台只取其类型，e2e 测试按应答格式检查每个回答）', pure: true, libs: ['libs/domain', 'libs/intake', 'libs/sharing'], packages: ['zod'] },
  'libs/settings': { role: '环境变量', libs: [] },
  'libs/observability': { role: '监控指标（prom-client）与请求编号', libs: [] },
  'libs/catalog': { role: '配置文件：园区目录、产业分类、政策文件', libs: ['libs/sharing'] },
  'libs/launcher': { role: '启动私有 redis-server / PostgreSQL', libs: [] },
  'libs/persistence': { role: '数据库：连接、迁移、仓储、UnitOfWork', libs: ['libs/intake', 'libs/domain', 'libs/errors', 'libs/observability', 'libs/sharing'], testLibs: ['libs/catalog'] },
  'libs/queues': { role: '队列目录、生产者、工作进程宿主（唯一使用 BullMQ 的库）', libs: ['libs/errors', 'libs/observability'] },
  'libs/core': { role: 'Nest 全局模块：设置、数据库、队列生产者', libs: ['libs/catalog', 'libs/persistence', 'libs/queues', 'libs/settings'] },
  'libs/auth': { role: '账号、登录、令牌、审计、限流', libs: ['libs/core', 'libs/domain', 'libs/errors', 'libs/persistence', 'libs/queues', 'libs/settings'] },
  'libs/pipeline': {
    role: '业务服务与任务处理（线索流转、推荐、利益共享台账）',
    libs: ['libs/catalog', 'libs/core', 'libs/domain', 'libs/errors', 'libs/intake', 'libs/matching', 'libs/observability', 'libs/persistence', 'libs/queues', 'libs/settings', 'libs/sharing'],
  },
  'libs/platform': { role: '不含 HTTP 的平台（工作进程、负载测试）', libs: ['libs/core', 'libs/pipeline'] },
  'apps/api': {
    role: 'HTTP API 与控制台托管',
    libs: ['libs/auth', 'libs/contract', 'libs/core', 'libs/domain', 'libs/errors', 'libs/intake', 'libs/launcher', 'libs/observability', 'libs/persistence', 'libs/pipeline', 'libs/queues', 'libs/settings', 'libs/sharing'],
  },
  'apps/worker': { role: '独立工作进程（PostgreSQL 服务器部署）', libs: ['libs/auth', 'libs/core', 'libs/errors', 'libs/observability', 'libs/persistence', 'libs/platform', 'libs/queues', 'libs/settings'] },
  'apps/cli': {
    role: '命令行：排序、评测、负载、备份与恢复',
    libs: ['libs/catalog', 'libs/core', 'libs/domain', 'libs/launcher', 'libs/matching', 'libs/persistence', 'libs/pipeline', 'libs/platform', 'libs/queues', 'libs/settings'],
  },
  'apps/console': { role: '浏览器控制台（React）', libs: ['libs/contract', 'libs/domain'] },
};

module.exports = { LAYERS };
