/**
 * A port for a test's server to listen on, picked at random below 32768, where Linux starts the
 * ports it gives outgoing connections (ip_local_port_range): a port up there can be held for a
 * while by any client socket of the test run (PostgreSQL, Redis), and listening on it then fails.
 */
export function listenPort(): number {
  return 20_000 + Math.floor(Math.random() * 12_000);
}
