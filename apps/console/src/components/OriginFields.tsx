import type { CSSProperties } from 'react';
import { Col, Form, Input, Row, Select } from 'antd';
import { useSession } from '../session';

/** 来源板块 and 提交人 of a lead or an import, inside its Form; a promoter's board is fixed to its own. */
export function OriginFields({ style }: { style?: CSSProperties }) {
  const { user, catalog } = useSession();
  return (
    <Row gutter={12} style={style}>
      <Col span={12}>
        <Form.Item name="originBoard" label="来源板块" rules={[{ required: true, message: '请选择来源板块' }]}>
          <Select disabled={user?.role === 'promoter' && !!user.boardId} options={catalog.boards.map((b) => ({ value: b.id, label: b.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="submitter" label="提交人" rules={[{ required: true, whitespace: true, message: '请填写提交人' }]}><Input maxLength={100} /></Form.Item>
      </Col>
    </Row>
  );
}
