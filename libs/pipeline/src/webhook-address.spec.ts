import { refusedAddress } from './webhook-address.js';
import { loadSettings } from '#settings';
import { checkWebhookUrl, signature, WebhookClient, WebhookTargetError } from './webhook-client.js';

const strict = { allowHttp: false, allowPrivate: false };

describe('webhook address rules', () => {
  it.each([
    ['127.0.0.1', '环回'], ['127.255.1.2', '环回'], ['::1', '环回'],
    ['10.1.2.3', '内网'], ['172.16.0.1', '内网'], ['172.31.255.255', '内网'], ['192.168.1.1', '内网'],
    ['169.254.169.254', '元数据'], ['169.254.1.1', '链路本地'], ['fe80::1', '链路本地'],
    ['100.64.0.1', 'NAT'], ['fc00::1', '唯一本地'], ['fd12:3456::1', '唯一本地'], ['0.0.0.0', '本网络'], ['::', '未指定'],
    ['::ffff:127.0.0.1', '环回'], ['::ffff:7f00:1', '环回'], ['::ffff:a9fe:a9fe', '元数据'], ['::ffff:10.0.0.1', '内网'],
    ['64:ff9b::7f00:1', '环回'], ['2002:7f00:1::', '环回'], ['224.0.0.1', '组播'], ['255.255.255.255', '保留'], ['198.18.0.1', '测试'],
  ])('%s is refused as %s', (address, word) => {
    expect(refusedAddress(address)).toContain(word);
  });

  it.each(['8.8.8.8', '93.184.215.14', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (address) => {
    expect(refusedAddress(address)).toBeUndefined();
  });
});

describe('webhook URL rules', () => {
  const refused = (url: string, policy = strict) => {
    try {
      checkWebhookUrl(url, policy);
    } catch (e) {
      expect(e).toBeInstanceOf(WebhookTargetError);
      return (e as Error).message;
    }
    throw new Error(`${url} was accepted`);
  };

  it('IP spellings the URL parser understands (decimal, octal, hex, short, IPv6 forms) are checked as the address they mean', () => {
    for (const u of ['https://2130706433/', 'https://0x7f000001/', 'https://0177.0.0.1/', 'https://127.1/', 'https://0x7f.0.0.1/', 'https://%31%32%37.0.0.1/', 'https://[::ffff:127.0.0.1]/', 'https://[0:0:0:0:0:ffff:7f00:1]/', 'https://[::1]/'])
      expect(refused(u)).toMatch(/环回地址.*(127\.0\.0\.1|::ffff:7f00:1|::1)/);
    expect(refused('https://0xa9fea9fe/latest/meta-data')).toContain('元数据');
  });

  it('only https unless http is allowed; no credentials in the URL', () => {
    expect(refused('http://hooks.example.cn/x')).toContain('https://');
    expect(checkWebhookUrl('http://hooks.example.cn/x', { allowHttp: true, allowPrivate: false }).href).toBe('http://hooks.example.cn/x');
    expect(refused('ftp://hooks.example.cn/x')).toContain('https://');
    expect(refused('https://u:p@hooks.example.cn/x')).toContain('用户名或密码');
    expect(refused('not a url')).toContain('https://');
  });

  it('one spelling per URL: host case, default port and fragment do not make a second URL', () => {
    expect(checkWebhookUrl('HTTPS://Hooks.Example.CN:443/a?b=1#frag', strict).href).toBe('https://hooks.example.cn/a?b=1');
  });

  it('with private targets allowed, loopback passes (tests, on-premise integrations)', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/h', { allowHttp: true, allowPrivate: true }).host).toBe('127.0.0.1:8080');
  });

  it('the signature is HMAC-SHA256 over "<t>.<body>" (value from openssl dgst -sha256 -hmac k)', () => {
    expect(signature('k', '{"a":1}', 1700000000)).toBe('t=1700000000,v1=1b6ad1bc9bf48c52ce01939866d5877c6cc4e87ddad27e16673cb8c4964394a3');
  });
});

describe('webhook host resolution (system resolver)', () => {
  it('a name the system resolves to loopback (localhost, from /etc/hosts) is refused, naming the name and the address', async () => {
    const client = new WebhookClient(loadSettings({}));
    await expect(client.check('https://localhost:8443/hook')).rejects.toThrow(/环回地址.*localhost 解析为 (127\.0\.0\.1|::1)/);
    const open = new WebhookClient(loadSettings({ WEBHOOK_ALLOW_PRIVATE: 'true' }));
    expect((await open.check('https://localhost:8443/hook')).address).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
