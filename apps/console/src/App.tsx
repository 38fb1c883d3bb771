import { Suspense, lazy, useMemo, useState, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { Button, Dropdown, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import {
  AuditOutlined, BarChartOutlined, ClockCircleOutlined, CopyOutlined, DashboardOutlined, FileAddOutlined, InboxOutlined,
  LogoutOutlined, ProjectOutlined, LineChartOutlined, ClusterOutlined, SolutionOutlined, UnorderedListOutlined, UploadOutlined, UserOutlined, ApartmentOutlined, ApiOutlined, KeyOutlined, FileSearchOutlined, ShopOutlined, AimOutlined,
} from '@ant-design/icons';
import { useSession } from './session';
import { homeFor, type Role } from './home';
import { ROLE_NAMES } from './labels';
import { LoginPage } from './pages/Login';
import { NotFound } from './pages/NotFound';
import { NoticeBell } from './components/NoticeBell';
import { dashboardCode } from './early-start';
import { pageFrom } from './page-code';

const LeadForm = lazy(() => import('./pages/LeadForm'));
const LeadList = lazy(() => import('./pages/LeadList'));
const LeadDetail = lazy(() => import('./pages/LeadDetail'));
const ImportPage = lazy(() => import('./pages/Import'));
const Inbox = lazy(() => import('./pages/Inbox'));
const Projects = lazy(() => import('./pages/Projects'));
const Deadlines = lazy(() => import('./pages/Deadlines'));
const Dashboard = pageFrom(dashboardCode);
const NoFit = lazy(() => import('./pages/NoFit'));
const Duplicates = lazy(() => import('./pages/Duplicates'));
const Sharing = lazy(() => import('./pages/Sharing'));
const SharingTotals = lazy(() => import('./pages/SharingTotals'));
const Parks = lazy(() => import('./pages/Parks'));
const ParkDetail = lazy(() => import('./pages/ParkDetail'));
const Webhooks = lazy(() => import('./pages/Webhooks'));
const Listings = lazy(() => import('./pages/Listings'));
const ListingDetail = lazy(() => import('./pages/ListingDetail'));
const ListingForm = lazy(() => import('./pages/ListingForm'));
const Precision = lazy(() => import('./pages/Precision'));
const IndustryMap = lazy(() => import('./pages/IndustryMap'));
const Prospects = lazy(() => import('./pages/Prospects'));
const MonthlyReport = lazy(() => import('./pages/MonthlyReport'));
const AdminUsers = lazy(() => import('./pages/AdminUsers'));
const AdminTokens = lazy(() => import('./pages/AdminTokens'));
const AdminAudit = lazy(() => import('./pages/AdminAudit'));

interface NavItem { path: string; label: string; icon: ReactNode; roles: Role[] }

const CITY: Role[] = ['manager', 'admin'];
// Admin runs accounts, tokens and the audit log; the city's desk is the manager's (admin may still open its pages).
const MANAGER: Role[] = ['manager'];
const NAV: NavItem[] = [
  { path: '/dashboard', label: '全市看板', icon: <DashboardOutlined />, roles: MANAGER },
  { path: '/leads/new', label: '提交线索', icon: <FileAddOutlined />, roles: ['promoter'] },
  { path: '/imports', label: '批量导入', icon: <UploadOutlined />, roles: ['promoter', 'manager'] },
  { path: '/leads', label: '线索列表', icon: <UnorderedListOutlined />, roles: ['promoter', 'manager'] },
  { path: '/inbox', label: '推荐收件箱', icon: <InboxOutlined />, roles: ['park_operator'] },
  { path: '/projects', label: '承接项目', icon: <ProjectOutlined />, roles: ['park_operator'] },
  { path: '/deadlines', label: '答复时限', icon: <ClockCircleOutlined />, roles: ['park_operator', 'manager'] },
  { path: '/sharing', label: '利益共享记录', icon: <AuditOutlined />, roles: ['promoter', 'park_operator', 'manager'] },
  { path: '/sharing/totals', label: '共享考核汇总', icon: <BarChartOutlined />, roles: MANAGER },
  { path: '/reports/monthly', label: '月度统计表', icon: <BarChartOutlined />, roles: ['promoter', 'park_operator', 'manager'] },
  { path: '/review', label: '无匹配研判', icon: <SolutionOutlined />, roles: MANAGER },
  { path: '/duplicates', label: '项目撞车', icon: <CopyOutlined />, roles: MANAGER },
  { path: '/prospects', label: '招商对象', icon: <AimOutlined />, roles: ['park_operator', 'promoter', 'manager'] },
  { path: '/listings', label: '招商资源', icon: <ShopOutlined />, roles: ['promoter', 'park_operator', 'manager'] },
  { path: '/parks', label: '园区画像', icon: <ApartmentOutlined />, roles: MANAGER },
  { path: '/precision', label: '推荐精准度月报', icon: <LineChartOutlined />, roles: MANAGER },
  { path: '/industry-map', label: '产业招商图谱', icon: <ClusterOutlined />, roles: ['manager', 'park_operator'] },
  { path: '/webhooks', label: 'Webhook 订阅', icon: <ApiOutlined />, roles: ['promoter', 'park_operator', 'manager'] },
  { path: '/admin/users', label: '账号管理', icon: <UserOutlined />, roles: ['admin'] },
  { path: '/admin/tokens', label: 'API 令牌', icon: <KeyOutlined />, roles: ['admin', 'manager'] },
  { path: '/admin/audit', label: '审计日志', icon: <FileSearchOutlined />, roles: ['admin', 'manager'] },
];

function Guard({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user) return <Navigate to="/login" replace />;
  if (!roles.includes(user.role))
    return <Result status="403" title="无权访问" subTitle={`当前身份（${ROLE_NAMES[user.role]}）不能打开此页面。`} extra={<Link to={homeFor(user.role)}><Button type="primary">返回首页</Button></Link>} />;
  return <>{children}</>;
}

function Shell({ children }: { children: ReactNode }) {
  const { user, signOut, catalog } = useSession();
  const loc = useLocation();
  const nav = useNavigate();
  const items = useMemo(() => NAV.filter((n) => user && n.roles.includes(user.role)), [user]);
  const selected = items.map((i) => i.path).filter((p) => loc.pathname === p || loc.pathname.startsWith(p + '/')).sort((a, b) => b.length - a.length)[0];
  // Below the lg breakpoint the menu folds away behind a button in the header and closes again once a page is picked.
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const where = user?.boardId ? catalog.boardName(user.boardId) : user?.parkId ? catalog.parkName(user.parkId) : user?.role === 'manager' || user?.role === 'admin' ? '南通市科技局' : '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={0} collapsed={collapsed} onCollapse={setCollapsed}
        onBreakpoint={(broken) => { setNarrow(broken); setCollapsed(broken); }} className={narrow ? 'pm-sider pm-sider-narrow' : 'pm-sider'}>
        <div className="pm-logo">南通科技招商共享平台<small>ParkMatch 控制台</small></div>
        <Menu theme="dark" mode="inline" onClick={() => narrow && setCollapsed(true)} selectedKeys={selected ? [selected] : []} items={items.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{i.label}</Link> }))} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className={narrow ? 'pm-header pm-header-narrow' : 'pm-header'}>
          <Space className="pm-header-where">
            {!narrow && <Typography.Text type="secondary">{where}</Typography.Text>}
          </Space>
          <Space size={4}>
          {user && <NoticeBell user={user} />}
          <Dropdown
            menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: async () => { await signOut(); nav('/login'); } }] }}
          >
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu" className="pm-user-menu">
              {user?.name || user?.username}{narrow ? '' : ` · ${user ? ROLE_NAMES[user.role] : ''}`}
            </Button>
          </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="pm-content">
          <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '80px auto' }} />}>{children}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

const ALL: Role[] = ['promoter', 'park_operator', 'manager', 'admin'];

export function App() {
  const { user } = useSession();
  const page = (roles: Role[], el: ReactNode) => <Shell><Guard roles={roles}>{el}</Guard></Shell>;
  return (
    <Routes>
      <Route path="/login" element={user ? <Navigate to={homeFor(user.role)} replace /> : <LoginPage />} />
      <Route path="/" element={<Navigate to={user ? homeFor(user.role) : '/login'} replace />} />
      <Route path="/leads/new" element={page(['promoter', ...CITY], <LeadForm />)} />
      <Route path="/leads" element={page(['promoter', ...CITY], <LeadList />)} />
      <Route path="/leads/:id" element={page(ALL, <LeadDetail />)} />
      <Route path="/imports" element={page(['promoter', ...CITY], <ImportPage />)} />
      <Route path="/inbox" element={page(['park_operator', ...CITY], <Inbox />)} />
      <Route path="/projects" element={page(['park_operator', ...CITY], <Projects />)} />
      <Route path="/deadlines" element={page(['park_operator', ...CITY], <Deadlines />)} />
      <Route path="/dashboard" element={page(CITY, <Dashboard />)} />
      <Route path="/sharing" element={page(ALL, <Sharing />)} />
      <Route path="/sharing/totals" element={page(CITY, <SharingTotals />)} />
      <Route path="/reports/monthly" element={page(ALL, <MonthlyReport />)} />
      <Route path="/admin/users" element={page(['admin'], <AdminUsers />)} />
      <Route path="/admin/tokens" element={page(CITY, <AdminTokens />)} />
      <Route path="/admin/audit" element={page(CITY, <AdminAudit />)} />
      <Route path="/review" element={page(CITY, <NoFit />)} />
      <Route path="/duplicates" element={page(CITY, <Duplicates />)} />
      <Route path="/parks" element={page(CITY, <Parks />)} />
      <Route path="/parks/:id" element={page(CITY, <ParkDetail />)} />
      <Route path="/prospects" element={page(ALL, <Prospects />)} />
      <Route path="/listings" element={page(ALL, <Listings />)} />
      <Route path="/listings/new" element={page(['park_operator', ...CITY], <ListingForm />)} />
      <Route path="/listings/:id" element={page(ALL, <ListingDetail />)} />
      <Route path="/listings/:id/edit" element={page(['park_operator', ...CITY], <ListingForm />)} />
      <Route path="/webhooks" element={page(ALL, <Webhooks />)} />
      <Route path="/precision" element={page(CITY, <Precision />)} />
      <Route path="/industry-map" element={page(['park_operator', ...CITY], <IndustryMap />)} />
      <Route path="*" element={user ? <Shell><NotFound /></Shell> : <NotFound />} />
    </Routes>
  );
}
