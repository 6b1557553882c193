import { useTestApp } from './support/test-env';

/**
 * POST /trigger_report's callback_url, fuzzed: every URL that is not plain http(s) to a host:port on
 * CALLBACK_ALLOWED_HOSTS is refused with one exact 400 and no report, however it is spelled (other
 * schemes, user info that hides a host, IP literals in decimal, octal, hex or IPv6, trailing dots,
 * case, ports). Spellings the URL parser reads as an allowed host are accepted: fetch, in the
 * worker, parses them the same way and connects to that same host.
 */
const HOSTS = [
  { hostname: 'hooks.example.com', port: null },
  { hostname: '127.0.0.1', port: 9000 },
  { hostname: '[::1]', port: 8443 },
];
const { app } = useTestApp({ callbackAllowedHosts: HOSTS });

const NOT_HTTP = 'must be an absolute http:// or https:// URL';
const USER_INFO = 'must not carry a user name or password';
const notAllowed = (host: string) => `names ${host}, which is not in CALLBACK_ALLOWED_HOSTS`;

function trigger(callbackUrl: unknown) {
  return app.inject({ method: 'POST', url: '/trigger_report', payload: { callback_url: callbackUrl } });
}

async function reportCount(): Promise<number> {
  return (await app.reports.page(0, 1)).total;
}

// [the callback_url as sent, the problem the 400 names]
const REFUSED: [string, string][] = [
  // Schemes other than http(s), and text that is no absolute URL at all.
  ['file:///etc/passwd', NOT_HTTP],
  ['file://hooks.example.com/etc/passwd', NOT_HTTP],
  ['ftp://hooks.example.com/x', NOT_HTTP],
  ['javascript:alert(1)', NOT_HTTP],
  ['JaVaScRiPt://hooks.example.com/%0aalert(1)', NOT_HTTP],
  ['data:text/plain,hi', NOT_HTTP],
  ['data:application/json;base64,e30=', NOT_HTTP],
  ['gopher://hooks.example.com:70/_POST%20/', NOT_HTTP],
  ['ws://hooks.example.com/x', NOT_HTTP],
  ['blob:https://hooks.example.com/6f1c2a4e-3b7d-4c1a-9e2f-0a1b2c3d4e5f', NOT_HTTP],
  ['hxxp://hooks.example.com/x', NOT_HTTP],
  ['//hooks.example.com/x', NOT_HTTP],
  ['hooks.example.com/x', NOT_HTTP],
  ['', NOT_HTTP],
  ['   ', NOT_HTTP],
  ['http://', NOT_HTTP],
  ['http://hooks.example.com%00/', NOT_HTTP],
  ['http://hooks.example.com\u0000/', NOT_HTTP],
  ['http://hooks example.com/', NOT_HTTP],
  ['http://hooks.example.com:65536/', NOT_HTTP],
  ['http://hooks.example.com:-1/', NOT_HTTP],
  ['http://[fe80::1%25eth0]:8443/', NOT_HTTP],
  ['http://[::1/', NOT_HTTP],
  // User info: an allowed host as the user name, or an allowed host behind one.
  ['http://hooks.example.com@evil.example/x', USER_INFO],
  ['http://127.0.0.1:9000@evil.example/', USER_INFO],
  ['http://evil.example@hooks.example.com/x', USER_INFO],
  ['http://:secret@hooks.example.com/x', USER_INFO],
  ['http://%40@hooks.example.com/', USER_INFO],
  ['http://evil.example%2f@hooks.example.com/', USER_INFO],
  ['https://user:pw@[::1]:8443/', USER_INFO],
  // An allowed host in the fragment, query or path: the host is what comes before them.
  ['http://evil.example#@hooks.example.com/', notAllowed('evil.example')],
  ['http://evil.example?@hooks.example.com/', notAllowed('evil.example')],
  ['http://evil.example\\@hooks.example.com/', notAllowed('evil.example')],
  ['http://evil.example/hooks.example.com', notAllowed('evil.example')],
  // Names that only look like an allowed one.
  ['http://hooks.example.com./x', notAllowed('hooks.example.com.')],
  ['http://HOOKS.EXAMPLE.COM.evil.example/', notAllowed('hooks.example.com.evil.example')],
  ['http://hooks.example.com%2eevil.example/', notAllowed('hooks.example.com.evil.example')],
  ['http://hooks-example.com/', notAllowed('hooks-example.com')],
  ['http://h\u043e\u043eks.example.com/', notAllowed('xn--hks-seda.example.com')],
  ['http://sub.hooks.example.com/', notAllowed('sub.hooks.example.com')],
  ['http://example.com/', notAllowed('example.com')],
  ['HTTP://EVIL.EXAMPLE:9000/', notAllowed('evil.example:9000')],
  ['http://localhost:9000/', notAllowed('localhost:9000')],
  ['http://127.0.0.1.nip.io:9000/', notAllowed('127.0.0.1.nip.io:9000')],
  // Ports: an allowed name on a port its entry does not allow.
  ['http://hooks.example.com:8080/', notAllowed('hooks.example.com:8080')],
  ['https://hooks.example.com:80/', notAllowed('hooks.example.com:80')],
  ['http://hooks.example.com:443/', notAllowed('hooks.example.com:443')],
  ['http://127.0.0.1/', notAllowed('127.0.0.1')],
  ['http://127.0.0.1:9001/', notAllowed('127.0.0.1:9001')],
  ['http://[::1]/', notAllowed('[::1]')],
  ['http://[::1]:9000/', notAllowed('[::1]:9000')],
  // IP literals of other addresses, in every form the parser reads: decimal, octal, hex, short.
  ['http://127.0.0.2:9000/', notAllowed('127.0.0.2:9000')],
  ['http://127.1:9001/', notAllowed('127.0.0.1:9001')],
  ['http://2130706433:9001/', notAllowed('127.0.0.1:9001')],
  ['http://0x7f000001:9001/', notAllowed('127.0.0.1:9001')],
  ['http://0177.0.0.1:9001/', notAllowed('127.0.0.1:9001')],
  ['http://2130706434:9000/', notAllowed('127.0.0.2:9000')],
  ['http://169.254.169.254/latest/meta-data/', notAllowed('169.254.169.254')],
  ['http://2852039166/latest/meta-data/', notAllowed('169.254.169.254')],
  ['http://0xa9.0xfe.0xa9.0xfe/', notAllowed('169.254.169.254')],
  ['http://0251.0376.0251.0376/', notAllowed('169.254.169.254')],
  ['http://0/', notAllowed('0.0.0.0')],
  ['http://10.0.0.1/', notAllowed('10.0.0.1')],
  // IPv6 spellings of other addresses, and v4-mapped ones of the allowed v4 address.
  ['http://[::]:8443/', notAllowed('[::]:8443')],
  ['http://[::2]:8443/', notAllowed('[::2]:8443')],
  ['http://[::ffff:127.0.0.1]:9000/', notAllowed('[::ffff:7f00:1]:9000')],
  ['http://[::ffff:7f00:1]:9000/', notAllowed('[::ffff:7f00:1]:9000')],
  ['http://[::127.0.0.1]:9000/', notAllowed('[::7f00:1]:9000')],
  ['http://[fd00:ec2::254]/', notAllowed('[fd00:ec2::254]')],
];

describe('POST /trigger_report refuses hostile callback_urls', () => {
  it.each(REFUSED)('%j: 400 naming the problem, no report', async (url, problem) => {
    const before = await reportCount();
    const res = await trigger(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'Bad Request',
      message: `body/callback_url ${problem}; got ${JSON.stringify(url)}`,
    });
    expect(await reportCount()).toBe(before);
  });

  // ajv coerces a number, boolean or null to text (then checked as any text is), but an array,
  // even of one element, is refused as not a string (app.ts sets coerceTypes: true, not 'array').
  it.each([
    [42, `${NOT_HTTP}; got "42"`],
    [true, `${NOT_HTTP}; got "true"`],
    [null, `${NOT_HTTP}; got ""`],
    [['http://evil.example/'], 'must be string'],
    [['http://hooks.example.com/x'], 'must be string'],
    [['http://hooks.example.com/x', 'http://evil.example/'], 'must be string'],
    [{ href: 'http://hooks.example.com/x' }, 'must be string'],
  ])('%j, not a string: 400, no report', async (value, problem) => {
    const before = await reportCount();
    const res = await trigger(value);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message: `body/callback_url ${problem}` });
    expect(await reportCount()).toBe(before);
  });

  it('a long URL is cut short in the message, which still names the host', async () => {
    const url = `http://evil.example/${'a'.repeat(500)}`;
    const res = await trigger(url);
    expect(res.statusCode).toBe(400);
    const { message } = res.json();
    expect(message.startsWith(`body/callback_url ${notAllowed('evil.example')}; got "http://evil.example/aaa`)).toBe(
      true,
    );
    expect(message.length).toBeLessThan(250);
  });
});

describe('POST /trigger_report accepts other spellings of an allowed host', () => {
  // [as sent, the host:port fetch connects to (the URL parser's reading, as the check reads it)]
  it.each([
    ['HTTP://HOOKS.EXAMPLE.COM/x', 'hooks.example.com'],
    ['http://hooks.example.com:80/x', 'hooks.example.com'],
    ['https://hooks.example.com:443/x', 'hooks.example.com'],
    ['http:hooks.example.com/x', 'hooks.example.com'],
    ['http:///hooks.example.com/x', 'hooks.example.com'],
    ['https://127.0.0.1:9000/x', '127.0.0.1:9000'],
    ['http:\\\\hooks.example.com\\x', 'hooks.example.com'],
    ['http://\uff48ooks.example.com/x', 'hooks.example.com'],
    ['http://hoo\tks.example.com/x', 'hooks.example.com'],
    [' http://hooks.example.com/x ', 'hooks.example.com'],
    ['http://2130706433:9000/x', '127.0.0.1:9000'],
    ['http://0x7f.1:9000/x', '127.0.0.1:9000'],
    ['http://0177.0.0.01:09000/x', '127.0.0.1:9000'],
    ['http://[0:0:0:0:0:0:0:1]:8443/x', '[::1]:8443'],
    ['http://[::0001]:8443/x', '[::1]:8443'],
  ])('%j is kept as sent: it names %s', async (url, host) => {
    const res = await trigger(url);
    expect(res.statusCode).toBe(202);
    expect((await app.reports.get(res.json().report_id))?.callbackUrl).toBe(url);
    // What the worker's fetch will connect to: the same parser, the same host.
    expect(new URL(url).host).toBe(host);
  });
});
