import { useTestApp } from './support/test-env';

const { env, app } = useTestApp();

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
      [
        'GET /',
        'GET /healthz',
        'GET /readyz',
        'POST /trigger_report',
        'GET /get_report',
        'GET /reports',
        'GET /reports/{id}',
        'GET /stores',
        'GET /stores/{id}/timeline',
        'GET /stores/{id}/timeline.svg',
        'POST /polls',
        'POST /business_hours',
        'POST /special_hours',
        'POST /timezones',
      ].sort(),
    );
  });

  it('documents requests and responses, with one shared error body', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.schemas.ErrorBody).toMatchObject({ required: ['error', 'message'] });
    const getReport = doc.paths['/get_report'].get;
    expect(getReport.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['format', 'report_id']);
    expect(Object.keys(getReport.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(getReport.responses['404'].content['application/json']).toEqual({
      schema: { description: 'No report has this id.', allOf: [{ $ref: '#/components/schemas/ErrorBody' }] },
      example: { error: 'Not Found', message: 'no report with id 5f0c7a43-2b1e-4c8e-9a39-4e8d2f6b1c07' },
    });
    expect(Object.keys(doc.paths['/polls'].post.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    expect(
      doc.paths['/trigger_report'].post.requestBody.content['application/json'].schema.properties.policy.enum,
    ).toEqual(['nearest', 'forward']);
    expect(Object.keys(doc.paths['/trigger_report'].post.responses)).toEqual(
      expect.arrayContaining(['202', '400', '503']),
    );
  });
});

type Media = { example?: unknown; examples?: object };
type Operation = {
  requestBody?: { required: boolean };
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
  security?: unknown;
};

function operationsOf(doc: { paths: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  );
}

describe('the OpenAPI document for people', () => {
  it('gives every response of every route a description and an example', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const lacking: string[] = [];
    for (const [operation, op] of operationsOf(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (response.description === 'Default Response' || response.description === '')
          lacking.push(`${operation} ${status}: description`);
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (media.example === undefined && media.examples === undefined)
            lacking.push(`${operation} ${status} ${type}: example`);
        }
      }
    }
    expect(lacking).toEqual([]);
  });

  it('marks the trigger body optional, and its as_of has an example from the sample data, no live default', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const body = doc.paths['/trigger_report'].post.requestBody;
    expect(body.required).toBe(false);
    const asOf = body.content['application/json'].schema.properties.as_of;
    expect(asOf.default).toBeUndefined();
    expect(asOf.example).toBe('2024-04-07T00:00:00Z');
  });

  it('documents the report columns with their units, and the X-Report-Now header', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ok = doc.paths['/get_report'].get.responses['200'];
    const columns =
      'Columns, in this order: store_id, uptime_last_hour (minutes, 0-60), uptime_last_day (hours, 0-24), uptime_last_week (hours, 0-168), ' +
      'downtime_last_hour (minutes, 0-60), downtime_last_day (hours, 0-24), downtime_last_week (hours, 0-168).';
    expect(ok.content['text/csv'].schema.description).toContain(columns);
    expect(ok.content['text/csv'].example).toMatch(
      /^store_id,uptime_last_hour,uptime_last_day,uptime_last_week,downtime_last_hour,downtime_last_day,downtime_last_week\n/,
    );
    const row = ok.content['application/json'].schema.oneOf[2].properties.rows.items.properties;
    expect(row.uptime_last_hour.description).toBe(
      'Uptime within business hours in the hour before now, in minutes, 0-60.',
    );
    expect(row.downtime_last_week.description).toBe(
      'Downtime within business hours in the week before now, in hours, 0-168.',
    );
    expect(Object.keys(ok.headers)).toEqual(['X-Report-Now', 'X-Report-Status']);
  });

  it('documents max_gap: its forms on the trigger body, and on the records and answers that show it', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const trigger = doc.paths['/trigger_report'].post.requestBody.content['application/json'].schema;
    expect(trigger.properties.max_gap).toMatchObject({ type: 'string', example: '2h' });
    expect(trigger.properties.max_gap.description).toContain('a positive duration such as 90m, 2h, 1h30m or PT2H');
    expect(trigger.properties.max_gap.default).toBeUndefined();
    const record = doc.paths['/reports/{id}'].get.responses['200'].content['application/json'].schema;
    expect(record.properties.max_gap.type).toBe('string');
    expect(record.required).not.toContain('max_gap');
    const answers = doc.paths['/get_report'].get.responses['200'].content['application/json'];
    for (const body of answers.schema.oneOf) {
      expect(body.properties.max_gap.type).toBe('string');
      expect(body.required).not.toContain('max_gap');
    }
    expect(answers.examples.completeWithMaxGap.value.max_gap).toBe('2h');
  });

  it('documents the unknown columns as there only when the report had max_gap', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ok = doc.paths['/get_report'].get.responses['200'];
    expect(ok.content['text/csv'].schema.description).toContain(
      'A report triggered with max_gap has three more after them: unknown_last_hour (minutes, 0-60), ' +
        'unknown_last_day (hours, 0-24), unknown_last_week (hours, 0-168); uptime + downtime + unknown is then ' +
        'the business time of each window.',
    );
    const row = ok.content['application/json'].schema.oneOf[2].properties.rows.items;
    expect(Object.keys(row.properties)).toEqual([
      'store_id',
      'uptime_last_hour',
      'uptime_last_day',
      'uptime_last_week',
      'downtime_last_hour',
      'downtime_last_day',
      'downtime_last_week',
      'unknown_last_hour',
      'unknown_last_day',
      'unknown_last_week',
    ]);
    expect(row.required).toHaveLength(7);
    expect(row.properties.unknown_last_day.description).toBe(
      'Business time in the day before now whose status is unknown (no poll within max_gap), in hours, 0-24. ' +
        'Only when the report was triggered with max_gap.',
    );
    const example = ok.content['application/json'].examples.completeWithMaxGap.value.rows[0];
    for (const window of ['hour', 'day', 'week'])
      expect(
        example[`uptime_last_${window}`] + example[`downtime_last_${window}`] + example[`unknown_last_${window}`],
      ).toBeCloseTo({ hour: 60, day: 16, week: 112 }[window] as number, 9);
  });

  it('documents POST /special_hours: CSV or JSON, times that may be empty, examples of both rejects', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/special_hours'].post;
    expect(Object.keys(op.requestBody.content).sort()).toEqual(['application/json', 'text/csv']);
    const json = op.requestBody.content['application/json'].schema;
    expect(json.required).toEqual(['special_hours']);
    expect(Object.keys(json.properties.special_hours.items.properties)).toEqual([
      'store_id',
      'date',
      'start_time_local',
      'end_time_local',
    ]);
    const end = json.properties.special_hours.items.properties.end_time_local;
    expect(end).toMatchObject({ type: 'string', nullable: true });
    expect(end.description).toContain('Empty (or null, or left out) with the start: closed that date.');
    expect(op.requestBody.content['text/csv'].example).toBe(
      'store_id,date,start_time_local,end_time_local\n1481966498820158979,2024-12-25,,\n' +
        '1481966498820158979,2024-02-30,12:00,14:00\n',
    );
    const answers = op.responses['200'].content['application/json'].examples;
    expect(Object.values(answers).map((e) => (e as { value: { rejects: object[] } }).value.rejects[0])).toEqual([
      {
        line: 3,
        reason: 'date: "2024-02-30" is not a real date written YYYY-MM-DD',
        raw: '1481966498820158979,2024-02-30,12:00,14:00',
      },
      {
        index: 1,
        reason: 'special_hours[1]: end_time_local: is empty (start_time_local is not; both empty means closed)',
        raw: '{"store_id":"8139926242460185114","date":"2024-12-25","start_time_local":"09:00","end_time_local":null}',
      },
    ]);
  });

  it('documents the store routes: the timeline query, its JSON and SVG answers, and the page of rows', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const names = (op: { parameters: Array<{ name: string; in: string }> }) =>
      op.parameters.map((p) => `${p.in} ${p.name}`).sort();
    for (const path of ['/stores/{id}/timeline', '/stores/{id}/timeline.svg']) {
      const op = doc.paths[path].get;
      expect(names(op)).toEqual(['path id', 'query as_of', 'query max_gap', 'query policy']);
      expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '404', '500', '503']);
      expect(op.responses['404'].content['application/json'].example.error).toBe('Not Found');
    }
    const timeline = doc.paths['/stores/{id}/timeline'].get.responses['200'].content['application/json'];
    expect(timeline.schema.properties.spans.items.properties.segments.items.properties.status.enum).toEqual([
      'up',
      'down',
      'unknown',
    ]);
    expect(timeline.example.row.downtime_last_week).toBe(2.17);
    const svg = doc.paths['/stores/{id}/timeline.svg'].get.responses['200'].content;
    expect(Object.keys(svg)).toEqual(['image/svg+xml']);
    expect(svg['image/svg+xml'].example).toMatch(/^<svg /);
    const stores = doc.paths['/stores'].get;
    expect(names(stores)).toEqual([
      'query limit',
      'query offset',
      'query order',
      'query q',
      'query report_id',
      'query sort',
    ]);
    const sort = stores.parameters.find((p: { name: string }) => p.name === 'sort').schema;
    expect(sort.enum).toHaveLength(10);
    expect(sort.default).toBe('store_id');
    expect(Object.keys(stores.responses).sort()).toEqual(['200', '400', '401', '404', '409', '500', '503']);
    expect(stores.responses['200'].content['application/json'].example.columns).toHaveLength(7);
  });

  it('shows no security scheme and no padlock without API_KEY', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.securitySchemes).toBeUndefined();
    expect(
      operationsOf(doc)
        .filter(([, op]) => op.security !== undefined)
        .map(([operation]) => operation),
    ).toEqual([]);
  });

  it('with API_KEY, puts the bearer padlock on exactly the routes that need the key', async () => {
    const keyed = await env.app({ apiKey: 'a-key-of-sixteen-chars' });
    const doc = (await keyed.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const locked = operationsOf(doc).filter(([, op]) => op.security !== undefined);
    expect(locked.map(([operation]) => operation).sort()).toEqual([
      'GET /get_report',
      'GET /reports',
      'GET /reports/{id}',
      'GET /stores',
      'GET /stores/{id}/timeline',
      'GET /stores/{id}/timeline.svg',
      'POST /business_hours',
      'POST /polls',
      'POST /special_hours',
      'POST /timezones',
      'POST /trigger_report',
    ]);
    for (const [, op] of locked) expect(op.security).toEqual([{ bearerAuth: [] }]);
  });
});

describe('GET /', () => {
  it('answers a JSON index linking the docs, the board, the reports and every documented endpoint', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    const index = res.json();
    expect(index).toMatchObject({
      name: 'store-monitor API',
      docs: '/docs',
      openapi: '/openapi.json',
      board: '/admin/queues',
      reports: '/reports',
    });
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const documented = operationsOf(doc).map(([operation]) => operation.replace('{id}', ':id'));
    expect(index.endpoints.map((e: { method: string; path: string }) => `${e.method} ${e.path}`).sort()).toEqual(
      documented.sort(),
    );
    expect(index.endpoints).toContainEqual({
      method: 'POST',
      path: '/trigger_report',
      summary: 'Start building a report; poll GET /get_report with the returned id',
    });
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
