import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { ApiError, loadSession, request, type LeadRequest, type Read } from '../api';
import { useSession } from '../session';
import { OriginFields } from '../components/OriginFields';
import { PageHeader } from '../components/PageHeader';
import { placeErrors } from '../components/placeErrors';
import { RankingTable, type RankRow } from '../components/Ranking';

interface Preview {
  noFit: boolean;
  primarySector: string | null;
  sectors: { id: string; label: string; share: number; covered: boolean }[];
  ranking: RankRow[];
  selection: string;
  offerParks: string[];
  /** 投资额/用地 the description states (offered, never filled in by itself). */
  suggested?: { amount?: { value: number; unit: string; approximate?: boolean; source: string }; landMu?: { value: number; source: string } };
}

/** "从描述中识别：80 亩 · 填入" under a field the officer left empty. */
function Suggestion({ text, source, onFill, testId }: { text: string; source: string; onFill: () => void; testId: string }) {
  return (
    <span data-testid={testId} title={source ? `描述中的原文：${source}` : undefined}>
      从描述中识别：{text} · <a onClick={onFill} role="button">填入</a>
    </span>
  );
}

const UNIT_TO_WAN: Record<string, number> = { 万元: 1, 亿元: 10000, 万美元: 7.1 };

/** The form's field for a field path of the API (amount.value → amountValue, contacts.0.phone → contacts/0/phone). */
function formField(path: string): (string | number)[] {
  if (path === 'amount' || path === 'amount.value') return ['amountValue'];
  if (path === 'amount.unit') return ['amountUnit'];
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export default function LeadForm() {
  const { user, actor, catalog } = useSession();
  const { message } = App.useApp();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<Preview>();
  const [previewing, setPreviewing] = useState(false);
  const [previewError, setPreviewError] = useState<string>();
  const [submitError, setSubmitError] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const inflight = useRef<AbortController>(undefined);

  const description: string = Form.useWatch('description', form) ?? '';
  const sector: string = Form.useWatch('sector', form) ?? '';
  const amountValue: number | null = Form.useWatch('amountValue', form) ?? null;
  const amountUnit: string = Form.useWatch('amountUnit', form) ?? '亿元';
  const landMu: number | null = Form.useWatch('landMu', form) ?? null;
  const originBoard: string | undefined = Form.useWatch('originBoard', form);

  // Live preview: a debounced POST /api/match/preview while the officer types.
  useEffect(() => {
    clearTimeout(timer.current);
    if (description.trim().length < 4) {
      setPreview(undefined);
      setPreviewError(undefined);
      return;
    }
    timer.current = setTimeout(async () => {
      inflight.current?.abort();
      const ac = new AbortController();
      inflight.current = ac;
      setPreviewing(true);
      try {
        const res = await fetchPreview(ac.signal, {
          description,
          sector: sector || undefined,
          amountWan: amountValue !== null ? amountValue * (UNIT_TO_WAN[amountUnit] ?? 1) : undefined,
          landMu: landMu ?? undefined,
          originBoard: originBoard || undefined,
        });
        if (!ac.signal.aborted) {
          setPreview(res);
          setPreviewError(undefined);
        }
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setPreviewError((e as Error).message);
      } finally {
        if (inflight.current === ac) setPreviewing(false);
      }
    }, 350);
    return () => clearTimeout(timer.current);
  }, [description, sector, amountValue, amountUnit, landMu, originBoard]);

  const submit = async (v: any) => {
    setSubmitting(true);
    setSubmitError(undefined);
    const body: LeadRequest<'create'> = {
      company: v.company?.trim() || undefined,
      creditCode: v.creditCode?.trim() || undefined,
      description: v.description.trim(),
      sector: v.sector?.trim() || undefined,
      amount: v.amountValue !== undefined && v.amountValue !== null ? { value: v.amountValue, unit: v.amountUnit } : undefined,
      landMu: v.landMu ?? undefined,
      channel: v.channel || undefined,
      contacts: (v.contacts ?? []).filter((c: any) => c?.name?.trim()).map((c: any) => ({ name: c.name.trim(), phone: c.phone?.trim() || undefined, email: c.email?.trim() || undefined })),
      originBoard: v.originBoard,
      submitter: v.submitter.trim(),
    };
    try {
      const key = crypto.randomUUID?.() ?? String(Date.now());
      const created = await requestWithKey(body, key);
      message.success(`线索 ${created.code} 已提交，正在匹配与推送`);
      nav(`/leads/${created.id}`);
    } catch (e) {
      const err = e as ApiError;
      setSubmitError(placeErrors(form, err, (d) => (d.field ? formField(d.field) : undefined)) === undefined ? undefined : err);
    } finally {
      setSubmitting(false);
    }
  };

  const offerNote = preview && (preview.selection === 'review' ? '按共享规则将转市科技局人工研判' : preview.selection === 'same-board' ? '本板块园区匹配度接近最优，将留在本板块' : '将推送到以下其他板块园区');
  const offerParks = preview?.offerParks ?? [];
  const suggestedAmount = amountValue === null ? preview?.suggested?.amount : undefined;
  const suggestedLand = landMu === null ? preview?.suggested?.landMu : undefined;

  return (
    <>
      <PageHeader title="提交招商线索" sub="填写项目信息，右侧实时显示 20 个特色园区的推荐排名与理由；提交后自动推送到匹配园区。" />
      <Row gutter={16}>
        <Col xs={24} xl={11}>
          <Card title="线索信息">
            <Form
              form={form}
              layout="vertical"
              onFinish={submit}
              data-testid="lead-form"
              initialValues={{ amountUnit: '亿元', originBoard: user?.boardId, submitter: actor, contacts: [{}] }}
              scrollToFirstError
            >
              {submitError && (
                <Alert type="error" showIcon style={{ marginBottom: 16 }} title={submitError.message} data-testid="submit-error"
                  description={submitError.details && submitError.details.length > 1 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{submitError.details.map((d, i) => <li key={i}>{d.message}</li>)}</ul> : undefined} />
              )}
              <Form.Item name="description" label="项目描述" rules={[{ required: true, message: '请填写项目描述' }, { min: 10, message: '项目描述至少 10 个字' }, { max: 5000, message: '不超过 5000 字' }]} extra="产品、技术、产能、建设内容等；中英文均可">
                <Input.TextArea rows={5} showCount maxLength={5000} placeholder="如：碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只。" data-testid="lead-description" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="company" label="企业名称"><Input maxLength={200} placeholder="如：江苏某某科技有限公司" /></Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="creditCode" label="统一社会信用代码"><Input maxLength={18} placeholder="18 位，可不填" className="pm-mono" /></Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="sector" label="所属行业（已知时填写）"><Input maxLength={100} placeholder="如：第三代半导体" /></Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="channel" label="招商渠道"><Select allowClear options={catalog.meta.channels.map((c) => ({ value: c, label: c }))} placeholder="选择渠道" /></Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item label="计划投资额" extra={suggestedAmount && (
                    <Suggestion testId="suggest-amount" source={suggestedAmount.source} text={`${suggestedAmount.approximate ? '约 ' : ''}${suggestedAmount.value} ${suggestedAmount.unit}`}
                      onFill={() => form.setFieldsValue({ amountValue: suggestedAmount.value, amountUnit: suggestedAmount.unit })} />
                  )}>
                    <Space.Compact style={{ width: '100%' }}>
                      <Form.Item name="amountValue" noStyle><InputNumber min={0} style={{ width: '65%' }} placeholder="金额" /></Form.Item>
                      <Form.Item name="amountUnit" noStyle><Select style={{ width: '35%' }} options={['亿元', '万元', '万美元'].map((u) => ({ value: u, label: u }))} /></Form.Item>
                    </Space.Compact>
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="landMu" label="用地需求（亩）" extra={suggestedLand && (
                    <Suggestion testId="suggest-land" source={suggestedLand.source} text={`${suggestedLand.value} 亩`} onFill={() => form.setFieldsValue({ landMu: suggestedLand.value })} />
                  )}><InputNumber min={0} style={{ width: '100%' }} placeholder="无需用地可不填" /></Form.Item>
                </Col>
              </Row>
              <Typography.Text strong>联系人</Typography.Text>
              <Form.List name="contacts">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                        <Form.Item name={[f.name, 'name']} noStyle><Input placeholder="姓名" style={{ width: 110 }} /></Form.Item>
                        <Form.Item name={[f.name, 'phone']} noStyle><Input placeholder="电话" style={{ width: 150 }} /></Form.Item>
                        <Form.Item name={[f.name, 'email']} noStyle><Input placeholder="邮箱" style={{ width: 170 }} /></Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除联系人" />
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ margin: '8px 0 16px' }} size="small">添加联系人</Button>
                  </>
                )}
              </Form.List>
              <OriginFields />
              <Button type="primary" htmlType="submit" loading={submitting} size="large" data-testid="submit-lead">提交线索</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card
            title={<Space><ThunderboltOutlined />实时推荐预览 {previewing && <Spin size="small" />}</Space>}
            extra={preview && (preview.noFit ? <Tag color="warning">无匹配园区</Tag> : preview.primarySector && <Tag color="blue">识别行业：{preview.primarySector}</Tag>)}
            data-testid="live-preview"
          >
            {previewError && <Alert type="error" showIcon title={previewError} style={{ marginBottom: 12 }} />}
            {!preview && !previewError && <div className="pm-preview-empty">输入项目描述后，这里会实时显示各园区的匹配度与理由</div>}
            {preview && (
              <>
                {preview.sectors?.length > 0 && (
                  <div style={{ marginBottom: 8 }}>
                    <Typography.Text type="secondary">识别到的产业：</Typography.Text>
                    {preview.sectors.slice(0, 6).map((s) => <Tag key={s.id} color={s.covered ? 'green' : 'default'}>{s.label} {Math.round(s.share * 100)}%</Tag>)}
                  </div>
                )}
                <Alert type={preview.selection === 'review' ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} title={offerNote}
                  description={offerParks.length ? `预计推送：${offerParks.map((p) => catalog.parkName(p)).join('、')}` : undefined} />
                <RankingTable rows={preview.ranking} boardName={catalog.boardName} offered={offerParks} limit={8} reasons={1} testId="preview-ranking" />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>显示前 8 名及主要理由；提交后可在线索详情查看全部 20 个园区与完整理由。</Typography.Text>
              </>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function fetchPreview(signal: AbortSignal, body: LeadRequest<'preview'>): Promise<Preview> {
  return request('POST', '/api/match/preview', body, { signal });
}

async function requestWithKey(body: LeadRequest<'create'>, key: string): Promise<Read<'POST /api/leads'>> {
  const token = loadSession()?.token;
  const res = await fetch('/api/leads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, json.message || `提交失败（HTTP ${res.status}）`, json.details);
  return json;
}

