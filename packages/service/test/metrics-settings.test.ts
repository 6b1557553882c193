import { z } from 'zod';
import { metricsServerSettings, readEnvironment, workerMetricsVariables } from '../src';

const read = (env: NodeJS.ProcessEnv) =>
  readEnvironment(z.object(workerMetricsVariables), env, (values) => metricsServerSettings(values));

describe('the metrics settings', () => {
  it('serve nothing by default, on this machine only when a port is given', () => {
    expect(read({})).toEqual({ ok: true, config: { port: undefined, host: '127.0.0.1', token: undefined } });
    expect(read({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'x'.repeat(16) })).toEqual({
      ok: true,
      config: { port: 9464, host: '0.0.0.0', token: 'x'.repeat(16) },
    });
    expect(read({ METRICS_PORT: ' ', METRICS_HOST: '' })).toEqual({
      ok: true,
      config: { port: undefined, host: '127.0.0.1', token: undefined },
    });
  });

  it('name each bad value on a line of its own, never echoing the token', () => {
    expect(read({ METRICS_PORT: '65536', METRICS_TOKEN: 'secret token!' })).toEqual({
      ok: false,
      errors: [
        'METRICS_PORT: must be a whole number from 0 to 65535 (got "65536")',
        'METRICS_TOKEN: must be at least 16 characters, printable ASCII without spaces',
      ],
    });
  });
});
