import { createHmac } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { SETTINGS } from '#core';
import type { Settings } from '#settings';
import { refusedAddress } from './webhook-address.js';

/** A webhook target the platform will not reach; the message names the rule (Chinese). */
export class WebhookTargetError extends Error {
  /** A lookup that failed may work later; an address rule will not change. */
  constructor(message: string, readonly transient = false) {
    super(message);
  }
}

export interface WebhookPolicy {
  allowHttp: boolean;
  allowPrivate: boolean;
}

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export const SIGNATURE_HEADER = 'x-parkmatch-signature';

export function signature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/**
 * The URL rules that need no lookup; returns the URL in its one spelling (the WHATWG parser turns
 * decimal, octal and hex IPv4 spellings into dotted quads and lower-cases the host).
 */
export function checkWebhookUrl(raw: string, policy: WebhookPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new WebhookTargetError('url 须为完整的 https:// 地址');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    throw new WebhookTargetError(policy.allowHttp ? 'url 须以 https:// 或 http:// 开头' : 'url 须以 https:// 开头（本平台未开启 http webhook：WEBHOOK_ALLOW_HTTP）');
  if (url.username || url.password) throw new WebhookTargetError('url 不能包含用户名或密码：请用签名头 X-ParkMatch-Signature 校验来源');
  url.hash = '';
  const ip = literalAddress(url.hostname);
  if (ip) assertPublic(ip, url.hostname, policy);
  return url;
}

function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}

function assertPublic(address: string, host: string, policy: WebhookPolicy): void {
  if (policy.allowPrivate) return;
  const why = refusedAddress(address);
  if (why) throw new WebhookTargetError(`webhook 不能指向${why}：${host === address ? address : `${host} 解析为 ${address}`}`);
}

export interface DeliveryResult {
  ok: boolean;
  httpStatus?: number;
  /** What went wrong, in Chinese; absent when delivered. */
  error?: string;
  /** The target is refused by the address rules: retrying will not help. */
  refused?: boolean;
}

/**
 * Resolves, checks and POSTs. Every address a host resolves to is checked, and the connection goes to
 * the checked address itself (the host name is sent only as Host header and TLS server name), so a
 * DNS answer that changes between check and connect cannot redirect the request. Redirects are not followed.
 */
@Injectable()
export class WebhookClient {
  readonly policy: WebhookPolicy;
  readonly #resolver?: dns.Resolver;

  constructor(@Inject(SETTINGS) private readonly settings: Settings) {
    this.policy = { allowHttp: settings.WEBHOOK_ALLOW_HTTP, allowPrivate: settings.WEBHOOK_ALLOW_PRIVATE };
    if (settings.WEBHOOK_DNS_SERVERS) {
      this.#resolver = new dns.Resolver({ timeout: Math.min(2000, settings.WEBHOOK_TIMEOUT_MS), tries: 2 });
      this.#resolver.setServers(settings.WEBHOOK_DNS_SERVERS);
    }
  }

  /** The URL rules and the current DNS answer; throws WebhookTargetError naming the rule. */
  async check(raw: string): Promise<{ url: URL; address: string }> {
    const url = checkWebhookUrl(raw, this.policy);
    const literal = literalAddress(url.hostname);
    if (literal) return { url, address: literal };
    const addresses = await this.resolve(url.hostname);
    for (const a of addresses) assertPublic(a, url.hostname, this.policy);
    return { url, address: addresses[0]! };
  }

  async send(raw: string, secret: string, headers: Record<string, string>, body: string): Promise<DeliveryResult> {
    let target: { url: URL; address: string };
    try {
      target = await this.check(raw);
    } catch (e) {
      if (e instanceof WebhookTargetError) return { ok: false, error: e.message, refused: !e.transient };
      throw e;
    }
    const { url, address } = target;
    const isHttps = url.protocol === 'https:';
    const limit = this.settings.WEBHOOK_TIMEOUT_MS;
    return new Promise<DeliveryResult>((done) => {
      const req = (isHttps ? httpsRequest : httpRequest)(
        {
          host: address,
          port: url.port || (isHttps ? 443 : 80),
          path: url.pathname + url.search,
          method: 'POST',
          agent: false,
          ...(isHttps && !literalAddress(url.hostname) ? { servername: url.hostname } : {}),
          headers: {
            host: url.host,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'ParkMatch-Webhook/1',
            ...headers,
            [SIGNATURE_HEADER]: signature(secret, body, Math.floor(Date.now() / 1000)),
          },
          signal: AbortSignal.timeout(limit),
        },
        (res) => {
          // Only the status matters: the body is not read, so a receiver cannot stall or flood the worker.
          res.on('error', () => undefined);
          res.destroy();
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return done({ ok: true, httpStatus: status });
          if (status >= 300 && status < 400) return done({ ok: false, httpStatus: status, error: `接收方返回重定向 HTTP ${status}：平台不跟随重定向，请登记最终地址` });
          done({ ok: false, httpStatus: status, error: `接收方返回 HTTP ${status}` });
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) =>
        done({ ok: false, error: e.name === 'AbortError' || e.name === 'TimeoutError' ? `接收方 ${limit / 1000} 秒内未响应` : `无法连接接收方（${e.code ?? e.message}）` }),
      );
      req.end(body);
    });
  }

  private async resolve(host: string): Promise<string[]> {
    const fail = (why: string) => new WebhookTargetError(`无法解析主机名 ${host}（${why}）`, true);
    let addresses: string[];
    try {
      if (this.#resolver) {
        const answers = await Promise.allSettled([this.#resolver.resolve4(host), this.#resolver.resolve6(host)]);
        addresses = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
        if (!addresses.length) throw answers.map((a) => (a.status === 'rejected' ? a.reason : undefined)).find(Boolean) ?? new Error('ENODATA');
      } else {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), this.settings.WEBHOOK_TIMEOUT_MS)));
        addresses = (await Promise.race([dns.lookup(host, { all: true, verbatim: true }), timeout]).finally(() => clearTimeout(timer))).map((a) => a.address);
      }
    } catch (e) {
      throw fail((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    }
    if (!addresses.length) throw fail('没有地址');
    return addresses;
  }
}
