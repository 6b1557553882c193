import { displayBase, probeBase } from '../src/start/api-address';
import { apiListenAddress } from '../src/start/listen-address';
import { outcome } from '../src/start/outcome';

/** The launcher's words and addresses, exactly, for every way its services can end. */
describe('the launcher last line', () => {
  const exit = (name: string, code = 0, signal: NodeJS.Signals | null = null) => ({ name, code, signal });

  it('says the services stopped cleanly when a stop was asked for and each exited 0', () => {
    expect(outcome([exit('api'), exit('worker 1'), exit('worker 2')], undefined)).toEqual({
      line: 'store-monitor: stopped cleanly (api, worker 1, worker 2)',
      code: 0,
    });
  });

  it('names each service that failed, with its code or signal, and exits 1', () => {
    expect(outcome([exit('api'), exit('worker 1', 2)], 'worker 1')).toEqual({
      line: 'store-monitor: worker 1 exited with code 2; stopped cleanly: api',
      code: 1,
    });
    expect(outcome([exit('api', 1), exit('worker 1', 137, 'SIGKILL')], undefined)).toEqual({
      line: 'store-monitor: api exited with code 1, worker 1 was killed by SIGKILL',
      code: 1,
    });
  });

  it('counts a service that stopped unasked as a failure even with code 0', () => {
    expect(outcome([exit('api'), exit('worker 1')], 'api')).toEqual({
      line: 'store-monitor: api stopped on its own; stopped cleanly: worker 1',
      code: 1,
    });
  });
});

describe('where the launcher looks for its API', () => {
  it('reads HOST and PORT as the API does, empty meaning unset', () => {
    expect(apiListenAddress({})).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(apiListenAddress({ HOST: ' ', PORT: '' })).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(apiListenAddress({ HOST: '0.0.0.0', PORT: '9090' })).toEqual({ host: '0.0.0.0', port: 9090 });
    expect(apiListenAddress({ PORT: 'http' })).toEqual({ host: '127.0.0.1', port: undefined });
    expect(apiListenAddress({ PORT: '70000' })).toEqual({ host: '127.0.0.1', port: undefined });
  });

  it('probes and shows the address the API listens on, through loopback when it listens on all', () => {
    expect([probeBase({ host: '127.0.0.1', port: 8080 }), displayBase({ host: '127.0.0.1', port: 8080 })]).toEqual([
      'http://127.0.0.1:8080',
      'http://127.0.0.1:8080',
    ]);
    expect([probeBase({ host: '0.0.0.0', port: 80 }), displayBase({ host: '0.0.0.0', port: 80 })]).toEqual([
      'http://127.0.0.1:80',
      'http://localhost:80',
    ]);
    expect([probeBase({ host: '::', port: 8080 }), displayBase({ host: '::', port: 8080 })]).toEqual([
      'http://[::1]:8080',
      'http://localhost:8080',
    ]);
    expect(displayBase({ host: '::1', port: 8080 })).toBe('http://[::1]:8080');
  });
});
