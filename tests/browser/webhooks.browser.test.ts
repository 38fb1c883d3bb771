import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { browserPlatformForSuite, openSignedIn, SCREENSHOTS, VIEWPORTS } from '../support/browser.js';

/** The console's webhook panel in headless Chromium, as a park operator, against a real receiver on loopback. */

const got: { headers: IncomingHttpHeaders; raw: string }[] = [];
const receiver = createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (raw += c)).on('end', () => {
    got.push({ headers: req.headers, raw });
    res.writeHead(204).end();
  });
});

beforeAll(() => new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r)));
const { p, browser } = browserPlatformForSuite({ env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE: 'true' } });
afterAll(() => receiver.close());

it('a park operator subscribes a webhook, keeps the secret shown once, test-sends (signature verifies), sees the delivery, is told about a duplicate and deletes it', async () => {
  const errors: string[] = [];
  const page = await openSignedIn(browser, p.url, 'operator-home-textile', VIEWPORTS.desk, errors);
  await page.getByRole('link', { name: 'Webhook 订阅' }).click();
  await page.getByText('尚未订阅 webhook').waitFor();

  const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  await page.getByTestId('webhook-url').fill(url);
  await page.getByTestId('webhook-add').click();
  const secret = (await page.getByTestId('webhook-secret').innerText()).trim();
  expect(secret).toMatch(/^pm_wh_/);
  await page.screenshot({ path: join(SCREENSHOTS, 'webhooks-secret.png') });
  await page.getByRole('button', { name: '我已保存' }).click();
  const table = page.getByTestId('webhooks-table');
  await table.getByText(url).waitFor();
  // closed means gone from the page, not only hidden
  await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
  expect(await page.content()).not.toContain(secret);

  await table.getByTestId('webhook-test').click();
  await page.getByText(/测试通知已送达（HTTP 204）/).waitFor();
  expect(got).toHaveLength(1);
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(got[0]!.headers['x-parkmatch-signature']));
  expect(m).not.toBeNull();
  expect(timingSafeEqual(createHmac('sha256', secret).update(`${m![1]}.${got[0]!.raw}`).digest(), Buffer.from(m![2]!, 'hex'))).toBe(true);
  await table.getByTestId('webhook-delivery').getByText('已送达').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, 'webhooks-list.png'), fullPage: true });

  await page.getByTestId('webhook-url').fill(url.replace('http://', 'HTTP://'));
  await page.getByTestId('webhook-add').click();
  await page.getByText(/该接收方已订阅过这个地址/).waitFor();

  await table.getByTestId('webhook-delete').click();
  await page.getByRole('button', { name: /^删\s*除$/ }).last().click();
  await page.getByText('尚未订阅 webhook').waitFor();
  expect((await p.call('GET', '/api/webhooks', undefined, { as: 'operator:home-textile' })).body.items).toEqual([]);
  expect(errors).toEqual([]);
});
