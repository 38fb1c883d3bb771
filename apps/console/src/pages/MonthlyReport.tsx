import { useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { download } from '../api';
import { useApi } from '../components/useApi';
import { useAction } from '../components/useAction';
import { PageHeader } from '../components/PageHeader';
import { reportApi } from '../requests';

const wan = (n: number) => (n ? n.toLocaleString('zh-CN') : '0');
const rate = (n: number | null) => (n == null ? '—' : `${n}%`);

/** 月度统计表: per board and per park for one Nantong month, and the same as an XLSX to forward. */
export default function MonthlyReport() {
  const [sp, setSp] = useSearchParams();
  const month = sp.get('month') ?? dayjs().format('YYYY-MM');
  const { data, error, loading } = useApi<any>(reportApi.monthlyPath({ month }));
  const { busy, run } = useAction();
  const exportXlsx = () => run(() => download(reportApi.monthlyPath({ month }, '.xlsx'), `月度统计表-${month}.xlsx`));
  const steps = [
    { title: '接收', dataIndex: 'accepted', width: 70 },
    { title: '拒绝', dataIndex: 'declined', width: 70 },
    { title: '接收率', dataIndex: 'acceptanceRate', width: 80, render: rate },
    { title: '接收投资额（万元）', dataIndex: 'acceptedAmountWan', width: 130, render: wan },
    { title: '签约', dataIndex: 'signed', width: 70 },
    { title: '签约投资额（万元）', dataIndex: 'signedAmountWan', width: 130, render: wan },
    { title: '开工', dataIndex: 'started', width: 70 },
    { title: '开工投资额（万元）', dataIndex: 'startedAmountWan', width: 130, render: wan },
  ];
  const sheet = { size: 'small', loading, pagination: false, scroll: { x: 'max-content' } } as const;
  return (
    <>
      <PageHeader
        title="月度统计表"
        sub={data ? `${data.period.from} 至 ${data.period.to}（北京时间）` : '按自然月统计各板块、各园区的招商进展'}
        extra={<>
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setSp({ month: d.format('YYYY-MM') }, { replace: true })} data-testid="report-month" />
          <Button type="primary" icon={<DownloadOutlined />} onClick={exportXlsx} loading={busy} data-testid="report-export">导出 Excel</Button>
        </>}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {data?.boards.length > 0 && (
        <Card title="各板块" style={{ marginBottom: 16 }}>
          <Table {...sheet} data-testid="report-boards" rowKey="boardId" dataSource={data.boards}
            columns={[
              { title: '板块', dataIndex: 'board', fixed: 'left', width: 150 },
              { title: '新增线索', dataIndex: 'newLeads', width: 80 },
              { title: '新增投资额（万元）', dataIndex: 'newAmountWan', width: 130, render: wan },
              { title: '推送园区', dataIndex: 'offers', width: 80 },
              ...steps,
              ...(data.indicators as { code: string; name: string }[]).map((i) => ({ title: `共享考核·${i.name}（元）`, key: i.code, width: 150, render: (_: unknown, b: any) => wan(b.sharingCredit[i.code] ?? 0) })),
            ]}
          />
        </Card>
      )}
      <Card title="各园区">
        <Table {...sheet} data-testid="report-parks" rowKey="parkId" dataSource={data?.parks ?? []}
          columns={[
            { title: '园区', dataIndex: 'park', fixed: 'left', width: 180 },
            { title: '所属板块', dataIndex: 'board', width: 150 },
            { title: '收到推荐', dataIndex: 'offers', width: 80 },
            ...steps,
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          接收率 = 接收 ÷（接收 + 拒绝），均按本月作出的决定计；签约、开工为本月进入该阶段的项目；投资额为项目申报的投资额。
        </Typography.Paragraph>
      </Card>
    </>
  );
}
