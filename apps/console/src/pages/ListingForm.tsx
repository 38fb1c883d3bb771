import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Segmented, Select, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { listingApi, type ListingRequest } from '../requests';
import { useSession } from '../session';
import { useApi } from '../components/useApi';
import { PageHeader } from '../components/PageHeader';
import { CARRIER_AVAILABILITY, CARRIER_KINDS, FUND_STAGES, LISTING_KIND } from '../labels';

const KIND_HINT: Record<string, string> = {
  scenario: '园区或链主企业开放的应用需求（场景招商），如港口自动化系泊、医院 AI 影像试点',
  fund: '园区或板块的产业基金（资本招商）：投向、阶段、规模与单笔投资额',
  carrier: '标准厂房、孵化器、实验室、地块（平台招商）：面积、荷载、洁净等级、供电、价格与可用情况',
};

const split = (s?: string) => (s ?? '').split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean);

/** Publish a listing, or revise one (the whole listing as it should read now; saved as a new version). */
export default function ListingForm() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const nav = useNavigate();
  const { message } = App.useApp();
  const { user, catalog } = useSession();
  const [form] = Form.useForm();
  const existing = useApi<any>(id ? `/api/listings/${id}` : null);
  const [kind, setKind] = useState<string>(search.get('kind') || 'scenario');
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const l = existing.data;
    if (!l) return;
    setKind(l.kind);
    const c = l.content;
    form.setFieldsValue({
      ...c,
      title: l.title,
      status: l.status,
      sectors: (c.sectors ?? []).join('、'),
      deadline: c.deadline ? dayjs(c.deadline) : undefined,
      availableFrom: c.availableFrom ? dayjs(c.availableFrom) : undefined,
      areaValue: c.area?.value,
      areaUnit: c.area?.unit ?? '平方米',
    });
  }, [existing.data, form]);

  const submit = async (v: any) => {
    setErr(undefined);
    setBusy(true);
    const opt = <T,>(x: T) => (x === null || x === undefined || x === '' ? undefined : x);
    const common = {
      title: v.title, description: v.description, sectors: split(v.sectors), status: v.status ?? 'open',
      ...(user?.role !== 'park_operator' && !id ? { park: v.park } : {}),
      ...(id ? { note: opt(v.note?.trim()) } : {}),
    };
    // Typed by the server's schema of each kind: a field it refuses does not compile.
    const body: ListingRequest =
      kind === 'scenario'
        ? { kind, ...common, owner: opt(v.owner?.trim()), budgetWan: opt(v.budgetWan), pilotTerms: opt(v.pilotTerms?.trim()), deadline: v.deadline?.format('YYYY-MM-DD') }
        : kind === 'fund'
          ? { kind, ...common, stages: v.stages ?? [], sizeCny100m: opt(v.sizeCny100m), ticketMinWan: opt(v.ticketMinWan), ticketMaxWan: opt(v.ticketMaxWan) }
          : {
              kind: 'carrier', ...common, carrierKind: v.carrierKind, area: { value: v.areaValue, unit: v.areaUnit ?? '平方米' }, floorLoadKn: opt(v.floorLoadKn),
              cleanRoom: opt(v.cleanRoom?.trim()), powerKva: opt(v.powerKva), price: opt(v.price?.trim()), availability: v.availability, availableFrom: v.availableFrom?.format('YYYY-MM-DD'),
            };
    const sent = body as Record<string, unknown>;
    for (const k of Object.keys(sent)) if (sent[k] === undefined) delete sent[k];
    try {
      const r = id ? await listingApi.revise(id, body) : await listingApi.create(body);
      message.success(id ? (r.added ? `已保存为第 ${r.version} 版` : '内容没有变化，未生成新版本') : '已发布，全市可见');
      nav(`/listings/${r.id}`);
    } catch (e) {
      setErr((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (id && !existing.data) return existing.error ? <Alert type="error" showIcon title={existing.error} /> : <Spin />;
  return (
    <>
      <PageHeader title={id ? `修订：${existing.data.title}` : '发布招商资源'} sub={id ? `当前第 ${existing.data.version} 版；保存后为新版本，旧版本保留可查` : KIND_HINT[kind]} extra={<Link to={id ? `/listings/${id}` : '/listings'}>返回</Link>} />
      <Card>
        {!id && <Segmented value={kind} onChange={(v) => setKind(String(v))} style={{ marginBottom: 16 }} data-testid="listing-kind" options={Object.entries(LISTING_KIND).map(([value, k]) => ({ value, label: k.label }))} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ areaUnit: '平方米', availability: 'available', status: 'open', carrierKind: '标准厂房' }} data-testid="listing-form" style={{ maxWidth: 900 }}>
          {!id && user?.role !== 'park_operator' && (
            <Form.Item name="park" label="发布园区" rules={[{ required: true, message: '请选择发布园区' }]}>
              <Select showSearch optionFilterProp="label" options={catalog.parks.map((p) => ({ value: p.id, label: p.name }))} />
            </Form.Item>
          )}
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }, { max: 100, message: '不超过 100 字' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="sectors" label="行业（多个用顿号分隔）" rules={kind === 'carrier' ? [] : [{ required: true, message: '请至少填写一个行业' }]} extra="如：第三代半导体、集成电路；匹配线索时按行业与说明文字打分"><Input placeholder="第三代半导体" /></Form.Item>
          <Form.Item name="description" label="说明" rules={[{ required: true, message: '请填写说明' }, { max: 2000, message: '不超过 2000 字' }]}><Input.TextArea rows={3} maxLength={2000} showCount /></Form.Item>
          {kind === 'scenario' && (
            <Row gutter={16}>
              <Col xs={24} md={12}><Form.Item name="owner" label="发布主体（园区或链主企业）"><Input maxLength={100} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="deadline" label="截止日期" rules={[{ required: true, message: '请选择截止日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="budgetWan" label="预算（万元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="pilotTerms" label="试点条件"><Input maxLength={1000} placeholder="预算或试点条件至少填一项" /></Form.Item></Col>
            </Row>
          )}
          {kind === 'fund' && (
            <Row gutter={16}>
              <Col xs={24} md={12}><Form.Item name="stages" label="投资阶段" rules={[{ required: true, message: '请选择投资阶段' }]}><Select mode="multiple" options={FUND_STAGES.map((s) => ({ value: s, label: s }))} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="sizeCny100m" label="基金规模（亿元）" rules={[{ required: true, message: '请填写基金规模' }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="ticketMinWan" label="单笔投资下限（万元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="ticketMaxWan" label="单笔投资上限（万元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
          )}
          {kind === 'carrier' && (
            <Row gutter={16}>
              <Col xs={24} md={8}><Form.Item name="carrierKind" label="载体类型" rules={[{ required: true }]}><Select options={CARRIER_KINDS.map((s) => ({ value: s, label: s }))} /></Form.Item></Col>
              <Col xs={24} md={8}>
                <Form.Item label="面积" required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name="areaValue" noStyle rules={[{ required: true, message: '请填写面积' }]}><InputNumber min={0} style={{ width: '65%' }} placeholder="面积" /></Form.Item>
                    <Form.Item name="areaUnit" noStyle><Select data-testid="area-unit" style={{ width: '35%' }} options={['平方米', '亩'].map((u) => ({ value: u, label: u }))} /></Form.Item>
                  </Space.Compact>
                </Form.Item>
              </Col>
              <Col xs={24} md={8}><Form.Item name="availability" label="可用情况" rules={[{ required: true }]}><Select options={Object.entries(CARRIER_AVAILABILITY).map(([value, a]) => ({ value, label: a.label }))} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="floorLoadKn" label="楼面荷载（kN/㎡）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="cleanRoom" label="洁净等级"><Input maxLength={30} placeholder="如 ISO 7 / 万级" /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="powerKva" label="供电容量（kVA）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="price" label="价格"><Input maxLength={100} placeholder="如 25 元/平方米·月、25 万元/亩" /></Form.Item></Col>
              <Col xs={24} md={12}><Form.Item name="availableFrom" label="可入驻日期"><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
          )}
          {id && (
            <Row gutter={16}>
              <Col xs={24} md={8}><Form.Item name="status" label="状态"><Select options={[{ value: 'open', label: '开放中' }, { value: 'closed', label: '关闭' }]} /></Form.Item></Col>
              <Col xs={24} md={16}><Form.Item name="note" label="修订说明"><Input maxLength={500} placeholder="如：已出让 40 亩" /></Form.Item></Col>
            </Row>
          )}
          {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 12 }} data-testid="listing-error" />}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="listing-submit">{id ? '保存修订' : '发布'}</Button>
        </Form>
      </Card>
    </>
  );
}
