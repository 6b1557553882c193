import { createHmac, randomUUID } from 'node:crypto';
import {
  allowedHostsSchema,
  callbackJobId,
  callbackJobOptions,
  callbackPayloadSchema,
  callbackUrlProblem,
  parseAllowedHost,
  reportIdOfJob,
  signCallback,
} from '../src';

const hosts = allowedHostsSchema.parse('hooks.example.com, 10.0.0.5:8443, [::1]:9000, Bücher.example');

describe('CALLBACK_ALLOWED_HOSTS', () => {
  it('reads hosts as the URL parser does: lower case, punycode, IPv6 in brackets; a bare host has no port', () => {
    expect(hosts).toEqual([
      { hostname: 'hooks.example.com', port: null },
      { hostname: '10.0.0.5', port: 8443 },
      { hostname: '[::1]', port: 9000 },
      { hostname: 'xn--bcher-kva.example', port: null },
    ]);
    expect(parseAllowedHost('hooks.example.com:80')).toEqual({ hostname: 'hooks.example.com', port: 80 });
  });

  it.each([
    'http://hooks.example.com',
    'hooks.example.com/path',
    'user@hooks.example.com',
    'a b',
    ':80',
    'x:0',
    'x:70000',
    '::1',
  ])('refuses the entry %j', (entry) => {
    expect(parseAllowedHost(entry)).toBeUndefined();
  });

  it.each([
    ['https://hooks.example.com/x', undefined],
    ['http://hooks.example.com/x', undefined],
    ['https://hooks.example.com:443/x', undefined],
    ['https://HOOKS.EXAMPLE.COM/x', undefined],
    ['https://hooks.example.com:8443/x', 'names hooks.example.com:8443, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['https://10.0.0.5:8443/', undefined],
    ['https://10.0.0.5/', 'names 10.0.0.5, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['http://[::1]:9000/', undefined],
    ['http://0x7f.0.0.1:9000/', 'names 127.0.0.1:9000, which is not in CALLBACK_ALLOWED_HOSTS'],
    ['https://bücher.example/', undefined],
    [
      'https://hooks.example.com.evil.example/',
      'names hooks.example.com.evil.example, which is not in CALLBACK_ALLOWED_HOSTS',
    ],
    ['file:///etc/passwd', 'must be an absolute http:// or https:// URL'],
    ['hooks.example.com/x', 'must be an absolute http:// or https:// URL'],
    ['https://a:b@hooks.example.com/', 'must not carry a user name or password'],
  ])('%s -> %s', (url, problem) => {
    expect(callbackUrlProblem(url, hosts)).toBe(problem);
  });

  it('refuses every URL when the list is not set', () => {
    expect(callbackUrlProblem('https://hooks.example.com/', undefined)).toBe(
      'cannot be used: callbacks are off (CALLBACK_ALLOWED_HOSTS is not set)',
    );
  });
});

describe('the callback job', () => {
  it('signs the exact body with HMAC-SHA256, as sha256=<hex>', () => {
    const body = '{"report_id":"x","status":"complete"}';
    const hex = createHmac('sha256', 'k'.repeat(16)).update(body).digest('hex');
    expect(signCallback(body, 'k'.repeat(16))).toBe(`sha256=${hex}`);
    expect(signCallback(`${body} `, 'k'.repeat(16))).not.toBe(`sha256=${hex}`);
  });

  it('has one id per report, which is not a report job id, and retries with exponential backoff', () => {
    const reportId = randomUUID();
    expect(callbackJobId(reportId)).toBe(`${reportId}-callback`);
    expect(reportIdOfJob(callbackJobId(reportId))).toBeUndefined();
    expect(callbackJobOptions({ attempts: 7, backoffMs: 2000 })).toMatchObject({
      attempts: 7,
      backoff: { type: 'exponential', delay: 2000 },
    });
  });

  it('checks its payload', () => {
    const body = { report_id: randomUUID(), status: 'done', rows: 1, url: '/get_report', error: null };
    const parsed = callbackPayloadSchema.safeParse({ reportId: body.report_id, callbackUrl: 'https://x/', body });
    expect(parsed.success).toBe(false);
  });
});
