import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';

/**
 * A real DNS server on 127.0.0.1 (UDP, A and AAAA records) whose answers a test sets and changes,
 * e.g. to play a rebinding attacker. Unknown names get NXDOMAIN. Answers carry TTL 0 (never cached).
 */
export interface DnsStub {
  /** For WEBHOOK_DNS_SERVERS: "127.0.0.1:<port>". */
  server: string;
  set(name: string, addresses: string[]): void;
  /** Questions received, e.g. "A rebind.parkmatch.test". */
  questions: string[];
  close(): Promise<void>;
}

export async function startDnsStub(): Promise<DnsStub> {
  const records = new Map<string, string[]>();
  const questions: string[] = [];
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, from) => {
    let at = 12;
    const labels: string[] = [];
    while (msg[at]! > 0) {
      labels.push(msg.subarray(at + 1, at + 1 + msg[at]!).toString('latin1'));
      at += msg[at]! + 1;
    }
    const qtype = msg.readUInt16BE(at + 1);
    const questionEnd = at + 5;
    const name = labels.join('.').toLowerCase();
    questions.push(`${qtype === 28 ? 'AAAA' : qtype === 1 ? 'A' : qtype} ${name}`);
    const known = records.get(name);
    const family = qtype === 28 ? 6 : qtype === 1 ? 4 : 0;
    const answers = (known ?? []).filter((a) => isIP(a) === family);
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    header.writeUInt16BE(known ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const rrs = answers.map((a) => {
      const data = family === 4 ? Buffer.from(a.split('.').map(Number)) : ipv6Bytes(a);
      const rr = Buffer.alloc(12);
      rr.writeUInt16BE(0xc00c, 0);
      rr.writeUInt16BE(qtype, 2);
      rr.writeUInt16BE(1, 4);
      rr.writeUInt32BE(0, 6);
      rr.writeUInt16BE(data.length, 10);
      return Buffer.concat([rr, data]);
    });
    socket.send(Buffer.concat([header, msg.subarray(12, questionEnd), ...rrs]), from.port, from.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', r));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    set: (name, addresses) => void records.set(name.toLowerCase(), addresses),
    questions,
    close: () => new Promise<void>((r) => socket.close(() => r())),
  };
}

function ipv6Bytes(a: string): Buffer {
  const [head, tail] = a.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16), i * 2));
  return b;
}
