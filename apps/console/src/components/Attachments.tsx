import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Progress, Space, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, download, loadSession } from '../api';
import { fmtTime } from '../labels';
import { useApi } from './useApi';

interface Attachment {
  id: string;
  fileName: string;
  typeLabel: string;
  size: number;
  uploaderName: string;
  createdAt: string;
  canDelete: boolean;
}

/** 1.2 MB, 350 KB, 800 B. */
export function fmtSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** Sends one file with XMLHttpRequest (fetch reports no upload progress); resolves with the stored attachment. */
function send(url: string, file: File, onProgress: (percent: number) => void): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = loadSession()?.token;
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: any;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new Error(body.message || (xhr.status === 413 ? '文件过大' : `上传失败（HTTP ${xhr.status}）`)));
    };
    xhr.onerror = () => reject(new Error('无法连接服务器，请检查网络后重试'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** 附件: 项目建议书, 合同扫描件…; anyone who sees the lead's follow-ups sees them; the uploader or the board deletes. */
export function AttachmentsCard({ leadId, canWrite, onChange }: { leadId: string; canWrite: boolean; onChange?: () => void }) {
  const { message } = App.useApp();
  const base = `/api/leads/${leadId}/attachments`;
  const { data, error, reload } = useApi<{ items: Attachment[]; limits: { maxBytes: number } }>(base);
  const [uploading, setUploading] = useState<{ name: string; percent: number }>();
  const changed = () => {
    reload();
    onChange?.();
  };
  const upload = async (file: File) => {
    setUploading({ name: file.name, percent: 0 });
    try {
      const a = await send(base, file, (percent) => setUploading({ name: file.name, percent }));
      message.success(`已上传「${a.fileName}」`);
      changed();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(undefined);
    }
  };
  const remove = async (a: Attachment) => {
    try {
      await api.delete(`${base}/${a.id}`);
      message.success(`已删除「${a.fileName}」`);
      changed();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      title={<Space size={6}><PaperClipOutlined />附件</Space>}
      style={{ marginBottom: 16 }}
      data-testid="lead-attachments"
      extra={canWrite && (
        <Upload showUploadList={false} multiple={false} disabled={!!uploading} customRequest={({ file }) => void upload(file as File)}>
          <Button type="primary" size="small" icon={<UploadOutlined />} loading={!!uploading} data-testid="attachment-upload">上传</Button>
        </Upload>
      )}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        PDF、Word、Excel、PowerPoint 或图片，单个不超过 {data ? fmtSize(data.limits.maxBytes) : '20 MB'}
      </Typography.Paragraph>
      {uploading && (
        <div data-testid="attachment-progress" style={{ marginBottom: 8 }}>
          <Typography.Text ellipsis style={{ fontSize: 12, maxWidth: '100%' }}>正在上传「{uploading.name}」</Typography.Text>
          <Progress percent={uploading.percent} size="small" />
        </div>
      )}
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : !data?.items.length ? <Empty description="还没有附件" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <div>
          {data.items.map((a) => (
            <div key={a.id} data-testid="attachment-item" style={{ display: 'flex', gap: 8, alignItems: 'flex-start', padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', wordBreak: 'break-all' }} icon={<DownloadOutlined />}
                  onClick={() => download(`${base}/${a.id}`, a.fileName).catch((e: Error) => message.error(e.message))} data-testid="attachment-download">
                  {a.fileName}
                </Button>
                <div style={{ fontSize: 12 }}>
                  <Tag style={{ marginInlineEnd: 6 }}>{a.typeLabel}</Tag>
                  <Typography.Text type="secondary">{fmtSize(a.size)} · {a.uploaderName} · {fmtTime(a.createdAt)}</Typography.Text>
                </div>
              </div>
              {a.canDelete && (
                <Popconfirm title={`删除附件「${a.fileName}」？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => remove(a)}>
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${a.fileName}`} data-testid="attachment-delete" />
                </Popconfirm>
              )}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
