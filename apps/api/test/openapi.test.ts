import type { FastifyInstance } from 'fastify';
import { TestEnvironment } from './support/test-env';

const env = new TestEnvironment();
let app: FastifyInstance;

beforeAll(async () => {
  await env.setUp();
  app = await env.app();
}, 120_000);
afterAll(() => env.tearDown());

describe('GET /openapi.json', () => {
  it('lists every API route, and neither the board nor the docs', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths as Record<string, object>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      ['GET /healthz', 'GET /readyz', 'POST /trigger_report', 'GET /get_report', 'GET /reports', 'GET /reports/{id}', 'POST /polls'].sort(),
    );
  });

  it('documents requests and responses, with one shared error body', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.schemas.ErrorBody).toMatchObject({ required: ['error', 'message'] });
    const getReport = doc.paths['/get_report'].get;
    expect(getReport.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'report_id']);
    expect(Object.keys(getReport.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(getReport.responses['404'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(Object.keys(doc.paths['/polls'].post.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(doc.paths['/trigger_report'].post.requestBody.content['application/json'].schema.properties.policy.enum).toEqual(['nearest', 'forward']);
    expect(Object.keys(doc.paths['/trigger_report'].post.responses)).toEqual(expect.arrayContaining(['202', '400', '503']));
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI and its assets', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const script = /src="\.\/(static\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeDefined();
    expect((await app.inject({ method: 'GET', url: `/docs/${script}` })).statusCode).toBe(200);
  });
});

describe('unknown routes', () => {
  it('answer 404 as JSON', async () => {
    const res = await app.inject({ method: 'GET', url: '/get_reports?report_id=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'Not Found', message: 'no route for GET /get_reports' });
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/reports' });
    expect(wrongMethod.statusCode).toBe(404);
    expect(wrongMethod.json()).toEqual({ error: 'Not Found', message: 'no route for DELETE /reports' });
  });
});
