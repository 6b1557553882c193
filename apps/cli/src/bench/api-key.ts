/** The API key the benchmarked API was started with (it inherits this environment), if any. */
export function apiKeyHeaders(): Record<string, string> {
  return process.env.API_KEY ? { authorization: `Bearer ${process.env.API_KEY}` } : {};
}
