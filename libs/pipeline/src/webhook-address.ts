import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a webhook may reach: public unicast only. Every other range, with the words a
 * person reads when a URL is refused. Node's BlockList also matches IPv4-mapped IPv6 (::ffff:a.b.c.d)
 * against the IPv4 rules; IPv4 embedded in NAT64 and 6to4 addresses is checked separately below.
 */
const RANGES: [cidr: string, label: string][] = [
  ['169.254.169.254/32', '云服务器元数据地址'],
  ['0.0.0.0/8', '“本网络”地址（0.0.0.0/8）'],
  ['10.0.0.0/8', '内网地址（10.0.0.0/8）'],
  ['100.64.0.0/10', '运营商级 NAT 地址（100.64.0.0/10）'],
  ['127.0.0.0/8', '环回地址（127.0.0.0/8）'],
  ['169.254.0.0/16', '链路本地地址（169.254.0.0/16）'],
  ['172.16.0.0/12', '内网地址（172.16.0.0/12）'],
  ['192.0.0.0/24', 'IETF 协议分配地址（192.0.0.0/24）'],
  ['192.0.2.0/24', '文档示例地址（192.0.2.0/24）'],
  ['192.168.0.0/16', '内网地址（192.168.0.0/16）'],
  ['198.18.0.0/15', '网络测试地址（198.18.0.0/15）'],
  ['198.51.100.0/24', '文档示例地址（198.51.100.0/24）'],
  ['203.0.113.0/24', '文档示例地址（203.0.113.0/24）'],
  ['224.0.0.0/4', '组播地址（224.0.0.0/4）'],
  ['240.0.0.0/4', '保留地址（240.0.0.0/4）'],
  ['::/128', '未指定地址（::）'],
  ['::1/128', '环回地址（::1）'],
  ['::/96', 'IPv4 兼容的 IPv6 地址（::/96）'],
  ['100::/64', '丢弃地址（100::/64）'],
  ['2001:db8::/32', '文档示例地址（2001:db8::/32）'],
  ['fc00::/7', '唯一本地地址（fc00::/7）'],
  ['fe80::/10', '链路本地地址（fe80::/10）'],
  ['fec0::/10', '站点本地地址（fec0::/10）'],
  ['ff00::/8', '组播地址（ff00::/8）'],
];

const RULES = RANGES.map(([cidr, label]) => {
  const [net, bits] = cidr.split('/') as [string, string];
  const family = isIP(net) === 6 ? 'ipv6' : 'ipv4';
  const list = new BlockList();
  list.addSubnet(net, Number(bits), family);
  return { list, label };
});

/** Why a webhook may not reach this IP address (in Chinese), or undefined when it is public. */
export function refusedAddress(address: string): string | undefined {
  const family = isIP(address);
  if (!family) return `不是 IP 地址：${address}`;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const hit = RULES.find((r) => r.list.check(address, type));
  if (hit) return hit.label;
  if (family === 6) {
    const embedded = embeddedIPv4(address);
    if (embedded) {
      const inner = refusedAddress(embedded);
      if (inner) return `${inner}，经 ${address} 嵌入`;
    }
  }
  return undefined;
}

/** The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIPv4(address: string): string | undefined {
  const h = hextets(address);
  if (!h) return undefined;
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return v4(h[6]!, h[7]!);
  if (h[0] === 0x2002) return v4(h[1]!, h[2]!);
  return undefined;
}

function hextets(address: string): number[] | undefined {
  let a = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const p = dotted[1]!.split('.').map(Number);
    a = a.slice(0, -dotted[1]!.length) + ((p[0]! << 8) | p[1]!).toString(16) + ':' + ((p[2]! << 8) | p[3]!).toString(16);
  }
  const [head, tail] = a.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const all = [...left, ...fill, ...right].map((x) => parseInt(x, 16));
  return all.length === 8 && all.every((x) => Number.isInteger(x)) ? all : undefined;
}
