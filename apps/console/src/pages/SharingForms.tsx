import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { ApiError, postSharing } from '../api';
import { INDICATORS } from '../labels';
import { placeErrors } from '../components/placeErrors';

/** Today in Nantong (Asia/Shanghai), as YYYY-MM-DD. */
const chinaToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

const START_OPTIONS = [
  { value: 'construction_start', label: '开工' },
  { value: 'signing', label: '签约' },
  { value: 'first_tax', label: '首次纳税' },
];
// Errors of libs/sharing that name no field: the field of this form they belong to.
const CODE_FIELD: Record<string, (string | number)[]> = {
  REVENUE_SHARE_OUT_OF_RANGE: ['revenueShare', 'originPct'],
  REVENUE_YEARS_OUT_OF_RANGE: ['revenueShare', 'years'],
  CREDIT_WINDOW_OUT_OF_RANGE: ['creditWindow', 'years'],
  AGREEMENT_REF_REQUIRED: ['agreementRef'],
};

function termsField(d: { field?: string; code?: string }): (string | number)[] | undefined {
  if (d.code && CODE_FIELD[d.code]) return CODE_FIELD[d.code];
  if (!d.field) return undefined;
  const path = d.field.replace(/^terms\./, '').split('.');
  if (path[0] in INDICATORS) return ['credit', path[0]!, path.length > 1 && path[1] === 'mode' ? 'mode' : 'originPct'];
  if (path[0] === 'credit' && path[1]) return ['credit', path[1], path[2] === 'mode' ? 'mode' : 'originPct'];
  if (path[0] === 'revenueShare') return ['revenueShare', path[1] === 'originBp' ? 'originPct' : path[1] ?? 'originPct'];
  if (path[0] === 'creditWindow') return ['creditWindow', path[1] ?? 'years'];
  if (path[0] === 'agreementRef' || path[0] === 'reason') return [path[0]];
  return undefined;
}

const pct = (bp: number | undefined) => (bp === undefined ? undefined : bp / 100);
const toBp = (p: number | null | undefined) => Math.round(Number(p ?? 0) * 100);

/** 协商条款 (before approval) or 发起变更 (an approved record gets a new version): 双算/分算 per indicator, 收益分成. */
export function TermsModal({ record, mode, open, onClose, onDone }: { record: any; mode: 'terms' | 'amend'; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string>();
  const t = record.terms ?? {};
  const initial = {
    source: 'negotiated',
    credit: Object.fromEntries(Object.keys(INDICATORS).map((k) => [k, { mode: t.credit?.[k]?.mode ?? 'double', originPct: pct(t.credit?.[k]?.originBp) ?? 50 }])),
    creditWindow: { years: t.creditWindow?.years ?? 5, startEvent: t.creditWindow?.startEvent ?? 'construction_start' },
    revenueShare: { originPct: pct(t.revenueShare?.originBp) ?? 30, years: t.revenueShare?.years ?? 5, startEvent: t.revenueShare?.startEvent ?? 'first_tax' },
    agreementRef: t.source === 'negotiated' ? t.agreementRef : '',
  };
  const source = Form.useWatch('source', form);
  const credit = Form.useWatch('credit', form) as Record<string, { mode: string; originPct: number }> | undefined;

  const submit = async (v: any) => {
    setBusy(true);
    setAlert(undefined);
    // With 恢复默认规则 the term fields are unmounted, so the form gives no values for them.
    const terms = v.source === 'defaults' ? undefined : {
      credit: Object.fromEntries(Object.keys(INDICATORS).map((k) => {
        const c = v.credit[k];
        return [k, c.mode === 'double' ? { mode: 'double' as const } : { mode: 'split' as const, originBp: toBp(c.originPct), receiverBp: 10000 - toBp(c.originPct) }];
      })),
      creditWindow: { years: Number(v.creditWindow.years), startEvent: v.creditWindow.startEvent },
      revenueShare: { originBp: toBp(v.revenueShare.originPct), years: Number(v.revenueShare.years), startEvent: v.revenueShare.startEvent },
      agreementRef: (v.agreementRef ?? '').trim(),
    };
    const chosen = terms ? { terms } : { defaults: true as const };
    try {
      if (mode === 'terms') await postSharing(record.id, 'terms', { expectedRevision: record.revision, ...chosen, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) });
      else await postSharing(record.id, 'amend', { expectedRevision: record.revision, ...chosen, reason: (v.reason ?? '').trim() });
      message.success(mode === 'terms' ? '条款已保存，须双方板块重新确认' : '已发起变更，新版本待双方确认和审批');
      onDone();
    } catch (e) {
      setAlert(e instanceof ApiError ? placeErrors(form, e, termsField) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={mode === 'terms' ? '协商条款' : '发起变更（生成新版本）'} open={open} onCancel={onClose} footer={null} destroyOnHidden width={680} style={{ maxWidth: 'calc(100vw - 16px)' }}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="terms-form" requiredMark={false}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} data-testid="terms-alert" />}
        <Form.Item name="source" label="条款来源">
          <Radio.Group options={[{ value: 'negotiated', label: '协商协议' }, { value: 'defaults', label: '恢复默认规则' }]} />
        </Form.Item>
        {source !== 'defaults' && <>
          <Typography.Text strong>考核计入（双算：双方全额计入；分算：按来源板块份额分）</Typography.Text>
          {Object.entries(INDICATORS).map(([k, name]) => (
            <Row key={k} gutter={8} align="top" style={{ marginTop: 8 }} data-testid={`credit-${k}`}>
              <Col xs={24} sm={8}><Form.Item name={['credit', k, 'mode']} label={name} style={{ marginBottom: 4 }}>
                <Radio.Group optionType="button" size="small" options={[{ value: 'double', label: '双算' }, { value: 'split', label: '分算' }]} />
              </Form.Item></Col>
              {credit?.[k]?.mode === 'split' && <Col xs={24} sm={16}><Form.Item name={['credit', k, 'originPct']} label={`${name} 来源板块份额`} style={{ marginBottom: 4 }} extra={`承接板块 ${(100 - Number(credit[k]!.originPct ?? 0)).toFixed(2).replace(/\.?0+$/, '')}%`}>
                <InputNumber suffix="%" step={5} style={{ width: '100%' }} aria-label={`${name}来源份额`} />
              </Form.Item></Col>}
            </Row>
          ))}
          <Row gutter={8} style={{ marginTop: 12 }}>
            <Col xs={12} sm={8}><Form.Item name={['creditWindow', 'years']} label="考核分成期（年）"><InputNumber style={{ width: '100%' }} aria-label="考核分成期" /></Form.Item></Col>
            <Col xs={12} sm={8}><Form.Item name={['creditWindow', 'startEvent']} label="起算"><Select options={START_OPTIONS} /></Form.Item></Col>
          </Row>
          <Row gutter={8}>
            <Col xs={24} sm={8}><Form.Item name={['revenueShare', 'originPct']} label="收益分成：来源板块比例"><InputNumber suffix="%" style={{ width: '100%' }} aria-label="收益分成比例" /></Form.Item></Col>
            <Col xs={12} sm={8}><Form.Item name={['revenueShare', 'years']} label="收益分成年限"><InputNumber style={{ width: '100%' }} aria-label="收益分成年限" /></Form.Item></Col>
            <Col xs={12} sm={8}><Form.Item name={['revenueShare', 'startEvent']} label="起算"><Select options={START_OPTIONS} /></Form.Item></Col>
          </Row>
          <Form.Item name="agreementRef" label="协议文号"><Input maxLength={200} placeholder="如 海安-如东〔2025〕1号" /></Form.Item>
        </>}
        {mode === 'terms'
          ? <Form.Item name="comment" label="说明（可选）"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
          : <Form.Item name="reason" label="变更原因" rules={[{ required: true, whitespace: true, message: '请填写变更原因' }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>}
        <Space><Button onClick={onClose}>取消</Button><Button type="primary" htmlType="submit" loading={busy} data-testid="terms-submit">提交</Button></Space>
      </Form>
    </Modal>
  );
}

/** 指标数值: one indicator for one period, in 万元 (the server converts exactly to 元). */
export function IndicatorModal({ record, open, onClose, onDone }: { record: any; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string>();
  const today = chinaToday();

  const submit = async (v: any) => {
    setBusy(true);
    setAlert(undefined);
    try {
      await postSharing(record.id, 'indicators', { values: [{ indicator: v.indicator, periodFrom: v.periodFrom, periodTo: v.periodTo, amountWan: String(v.amountWan ?? '').trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) }] });
      message.success(`已填报${INDICATORS[v.indicator]}`);
      form.resetFields(['amountWan', 'note']);
      onDone();
    } catch (e) {
      setAlert(e instanceof ApiError ? placeErrors(form, e, (d) => {
        const last = d.field?.replace(/^values\.\d+\.?/, '');
        if (d.field === undefined) return undefined;
        if (last === 'periodFrom' || last === 'periodTo' || last === 'indicator' || last === 'note') return [last];
        return /期间|日期/.test(d.message) ? ['periodTo'] : ['amountWan'];
      }) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="填报指标数值" open={open} onCancel={onClose} footer={null} destroyOnHidden style={{ maxWidth: 'calc(100vw - 16px)' }}>
      <Form form={form} layout="vertical" initialValues={{ indicator: 'signed_amount', periodFrom: today, periodTo: today }} onFinish={submit} data-testid="indicator-form" requiredMark={false}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form.Item name="indicator" label="指标"><Select options={Object.entries(INDICATORS).map(([value, label]) => ({ value, label }))} data-testid="indicator-select" /></Form.Item>
        <Row gutter={8}>
          <Col span={12}><Form.Item name="periodFrom" label="期间起" rules={[{ required: true, message: '请填写起始日期' }]}><Input type="date" aria-label="期间起" /></Form.Item></Col>
          <Col span={12}><Form.Item name="periodTo" label="期间止" rules={[{ required: true, message: '请填写结束日期' }]}><Input type="date" aria-label="期间止" /></Form.Item></Col>
        </Row>
        <Form.Item name="amountWan" label="数值（万元）" rules={[{ required: true, whitespace: true, message: '请填写数值（万元）' }]} extra="可带小数，最多 4 位（精确到元）">
          <Input inputMode="decimal" suffix="万元" aria-label="数值（万元）" />
        </Form.Item>
        <Form.Item name="note" label="备注（可选）"><Input maxLength={500} /></Form.Item>
        <Space><Button onClick={onClose}>取消</Button><Button type="primary" htmlType="submit" loading={busy} data-testid="indicator-submit">提交</Button></Space>
      </Form>
    </Modal>
  );
}
