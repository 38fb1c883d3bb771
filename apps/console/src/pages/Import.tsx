import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Progress, Result, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { api, download, uploadImport, type Read } from '../api';
import { useSession } from '../session';
import { OriginFields } from '../components/OriginFields';
import { PageHeader } from '../components/PageHeader';

/** An import's progress as GET /api/imports/{id} answers; right after the upload only the first fields are known. */
type Batch = Pick<Read<'GET /api/imports/{id}'>, 'id' | 'status' | 'rowsRead' | 'rowsOk' | 'rowsFailed' | 'errors'> & Partial<Read<'GET /api/imports/{id}'>>;

/** Statuses that are still moving: keep polling. */
const ACTIVE = ['running', 'scoring'];
const STATUS_TEXT: Record<string, string> = {
  running: '正在读取文件', scoring: '文件已读完，正在匹配与推送', done: '已完成', failed: '文件无法导入', cancelled: '已取消', interrupted: '已中断', empty: '没有数据行',
};

export default function ImportPage() {
  const { user, actor } = useSession();
  const { message } = App.useApp();
  const [file, setFile] = useState<UploadFile & { raw?: File }>();
  const [batch, setBatch] = useState<Batch>();
  const [error, setError] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const [form] = Form.useForm();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (id: string) => {
    timer.current = setTimeout(async () => {
      try {
        const b = await api.get<Batch>(`/api/imports/${id}`);
        setBatch({ ...b, id });
        if (ACTIVE.includes(b.status)) poll(id);
      } catch (e) {
        setError((e as Error).message);
      }
    }, 500);
  };

  const start = async () => {
    const v = await form.validateFields();
    if (!file?.originFileObj && !file?.raw) return setError('请选择要导入的 CSV 或 XLSX 文件');
    setError(undefined);
    setBatch(undefined);
    setUploading(true);
    try {
      const r = await uploadImport((file.originFileObj ?? file.raw) as File, { originBoard: v.originBoard, submitter: v.submitter.trim() });
      setBatch({ id: r.id, status: 'running', rowsRead: 0, rowsOk: 0, rowsFailed: 0, errors: [] });
      poll(r.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploading(false);
    }
  };

  const running = !!batch && ACTIVE.includes(batch.status);
  const stored = batch?.stored ?? batch?.rowsOk ?? 0;
  // Reading has no known end (the file is streamed); once read, the bar follows the pipeline.
  const percent = !batch ? 0 : batch.status === 'done' ? 100 : batch.status === 'scoring' && stored ? Math.min(99, Math.round((((batch.scored ?? 0) + (batch.shared ?? 0)) / (2 * stored)) * 100)) : 0;
  const cancel = async () => {
    if (!batch) return;
    try {
      setBatch({ ...(await api.post<Batch>(`/api/imports/${batch.id}/cancel`)), id: batch.id });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const dl = (path: string, name: string) => download(path, name).catch((e: Error) => message.error(e.message));

  return (
    <>
      <PageHeader
        title="批量导入线索"
        sub="上传 CSV 或 XLSX（最多 10 万行）；逐行校验，有错误的行列出行号与原因，其余行全部入库并自动匹配推送"
        extra={<>
          <Button icon={<DownloadOutlined />} onClick={() => dl('/api/imports/template.xlsx', '招商线索导入模板.xlsx')}>下载 XLSX 模板</Button>
          <Button icon={<DownloadOutlined />} onClick={() => dl('/api/imports/template.csv', '招商线索导入模板.csv')}>下载 CSV 模板</Button>
        </>}
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title="上传文件">
            <Form form={form} layout="vertical" initialValues={{ originBoard: user?.boardId, submitter: actor }}>
              <Upload.Dragger
                accept=".csv,.xlsx"
                maxCount={1}
                beforeUpload={(f) => { setFile({ uid: f.uid, name: f.name, raw: f, originFileObj: f as any }); return false; }}
                onRemove={() => setFile(undefined)}
                fileList={file ? [file] : []}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">点击或拖拽文件到此处</p>
                <p className="ant-upload-hint">支持 .csv（UTF-8、GBK 或 UTF-16，自动识别）与 .xlsx，最多 10 万行、80 MB；表头须与模板一致</p>
              </Upload.Dragger>
              <OriginFields style={{ marginTop: 16 }} />
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="import-error" />}
              <Button type="primary" onClick={start} loading={uploading} disabled={!!running} data-testid="start-import">开始导入</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="导入进度" data-testid="import-progress">
            {!batch && <Typography.Text type="secondary">上传后在此显示进度与错误报告</Typography.Text>}
            {batch && (
              <>
                <Space style={{ marginBottom: 8 }} data-testid="import-status">
                  <Typography.Text strong>{STATUS_TEXT[batch.status] ?? batch.status}</Typography.Text>
                  {batch.encoding && <Typography.Text type="secondary">（按 {batch.encoding} 编码读取）</Typography.Text>}
                  {batch.status === 'running' && <Button size="small" danger onClick={cancel} data-testid="cancel-import">取消导入</Button>}
                </Space>
                <Progress percent={percent} status={['failed', 'interrupted'].includes(batch.status) ? 'exception' : batch.status === 'done' ? (batch.rowsFailed ? 'normal' : 'success') : running ? 'active' : 'normal'} />
                <Row gutter={16} style={{ margin: '12px 0' }}>
                  <Col span={4}><Statistic title="已读取" value={batch.rowsRead} suffix="行" /></Col>
                  <Col span={5}><Statistic title="成功入库" value={stored} suffix="行" styles={{ content: { color: '#389e0d' } }} /></Col>
                  <Col span={5}><Statistic title="已评分" value={batch.scored ?? 0} suffix="条" /></Col>
                  <Col span={5}><Statistic title="已推送" value={batch.shared ?? 0} suffix="条" /></Col>
                  <Col span={5}><Statistic title="有错误" value={batch.rowsFailed} suffix="行" styles={{ content: { color: batch.rowsFailed ? '#cf1322' : undefined } }} /></Col>
                </Row>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>“已推送”指已推荐给园区或转交市科技局研判的线索；全部入库线索评分并推送后，本次导入才算完成。</Typography.Paragraph>
                {batch.fileError && <Alert type="error" showIcon title="文件无法导入" description={batch.fileErrorRow ? `第 ${batch.fileErrorRow} 行：${batch.fileError}` : batch.fileError} style={{ marginBottom: 12 }} />}
                {batch.warnings?.map((w) => <Alert key={w.code} type="warning" showIcon title={w.message} style={{ marginBottom: 12 }} />)}
                {batch.note && batch.status !== 'done' && <Alert type={batch.status === 'interrupted' ? 'error' : 'info'} showIcon title={batch.note} style={{ marginBottom: 12 }} />}
                {(batch.rowsFailed > 0 || batch.fileError || batch.warnings?.length) && batch.status !== 'done' && !running && (
                  <Button icon={<DownloadOutlined />} onClick={() => dl(`/api/imports/${batch.id}/errors.csv`, '导入错误报告.csv')} style={{ marginBottom: 12 }}>下载错误报告</Button>
                )}
                {batch.status === 'done' && (
                  <Result
                    status={batch.rowsFailed ? 'warning' : 'success'}
                    title={batch.rowsFailed ? `导入完成：${batch.rowsOk} 行成功，${batch.rowsFailed} 行有错误` : `导入完成：${batch.rowsOk} 行全部成功`}
                    subTitle="入库的线索均已评分，并已推荐给园区或转交研判"
                    extra={<Space>
                      {batch.rowsFailed > 0 && <Button icon={<DownloadOutlined />} onClick={() => dl(`/api/imports/${batch.id}/errors.csv`, '导入错误报告.csv')} data-testid="download-errors">下载错误报告</Button>}
                      <Link to="/leads"><Button type="primary">查看线索列表</Button></Link>
                    </Space>}
                    style={{ padding: '12px 0' }}
                  />
                )}
                {batch.errors?.length > 0 && (
                  <Table
                    size="small"
                    rowKey="row"
                    data-testid="import-errors"
                    dataSource={batch.errors}
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    columns={[
                      { title: '行号', dataIndex: 'row', width: 70 },
                      { title: '问题', dataIndex: 'errors', render: (es: Batch['errors'][number]['errors']) => es.map((e, i) => <div key={i}>{e.message}</div>) },
                    ]}
                  />
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
