import type { IncomingMessage } from 'node:http';
import { DomainError } from '#errors';
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * The one check every request value passes before a handler sees it: path parameters, query values and
 * body fields (names and values, at any depth). Registered as a global pipe, so a new route cannot forget it.
 *
 * Refused with a 400 naming the field:
 * - control characters (C0, DEL, C1); a JSON body may carry tab and line breaks in free text, a URL may not;
 * - lone UTF-16 surrogates (a JSON `\ud800` escape), which the database driver would store as �;
 * - bodies nested deeper than MAX_DEPTH.
 * Invalid UTF-8 bytes never reach this far: `verifyUtf8` refuses them while the body is read.
 */

const MAX_DEPTH = 32;
const CONTROL_IN_URL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_IN_BODY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const WHERE = { param: '路径参数', query: '查询参数', body: '字段' } as const;
type Where = keyof typeof WHERE;

const codePoint = (c: string) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');

/** What is wrong with one string, in words; undefined when it is fine. */
function textProblem(s: string, where: Where): string | undefined {
  const control = (where === 'body' ? CONTROL_IN_BODY : CONTROL_IN_URL).exec(s);
  if (control) return `含控制字符 ${codePoint(control[0])}（如 NUL、退格等不可见字符），请删除后重试`;
  const lone = LONE_SURROGATE.exec(s);
  if (lone) return `含无效字符（孤立的 UTF-16 代理项 ${codePoint(lone[0])}，不是完整的文字），请检查文本编码后重试`;
  return undefined;
}

function refuse(where: Where, field: string, problem: string): never {
  const message = field ? `${WHERE[where]} ${field} ${problem}` : `请求${where === 'body' ? '体' : '参数'}${problem}`;
  throw new DomainError('VALIDATION_FAILED', message, [{ field, message }]);
}

/** Walks a value without recursion (a hostile body may nest thousands of levels) and refuses the first bad string. */
export function assertSafeInput(value: unknown, where: Where, root = ''): void {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v, where);
      if (problem) refuse(where, path, problem);
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) refuse(where, path, `嵌套过深（超过 ${MAX_DEPTH} 层），请检查数据结构`);
      for (const [k, child] of Object.entries(v)) {
        const keyProblem = textProblem(k, where);
        const at = path ? `${path}.${k}` : k;
        if (keyProblem) refuse(where, JSON.stringify(at).slice(1, -1), `的名称${keyProblem}`);
        stack.push([child, at, depth + 1]);
      }
    }
  }
}

@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'param' || metadata.type === 'query' || metadata.type === 'body') assertSafeInput(value, metadata.type, metadata.data ?? '');
    return value;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** body-parser `verify`: a body declared (or defaulting to) UTF-8 whose bytes are not UTF-8 is the client's error. */
export function verifyUtf8(_req: IncomingMessage, _res: unknown, buf: Buffer, encoding: string | null): void {
  if (encoding && !/^utf-?8$/i.test(encoding)) return;
  try {
    utf8.decode(buf);
  } catch {
    throw Object.assign(new Error('请求体含无效的 UTF-8 字节（可能是 GBK 等其他编码），请以 UTF-8 编码发送'), { status: 400, type: 'encoding.invalid' });
  }
}
