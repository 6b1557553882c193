import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

type Post = (body: string, contentType: string, target?: FastifyInstance) => Promise<LightMyRequestResponse>;

/** Requests to one upload route (`/polls`, `/business_hours`...) of the app `current()` gives, or of `target`. */
export function uploadRequests(url: string, current: () => FastifyInstance) {
  const post: Post = (payload, contentType, target = current()) =>
    target.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
  return {
    post,
    postCsv: (csv: string, contentType = 'text/csv', target?: FastifyInstance) => post(csv, contentType, target),
    postJson: (body: unknown, target?: FastifyInstance) => post(JSON.stringify(body), 'application/json', target),
  };
}

/** One test per bad JSON body: a 400 whose message is exactly the one given. */
export function itAnswers400(
  postJson: (body: unknown) => Promise<LightMyRequestResponse>,
  cases: ReadonlyArray<readonly [unknown, string]>,
): void {
  it.each(cases)('answers 400 naming what is wrong with %j', async (bad, message) => {
    const res = await postJson(bad);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'Bad Request', message });
  });
}
