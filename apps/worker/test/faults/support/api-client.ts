import type { FastifyInstance } from 'fastify';
import { waitFor } from '@store-monitor/test-support';

/** A report as GET /get_report tells it: the CSV once complete, else the JSON status. */
export type ReportAnswer =
  | { status: 'Complete'; csv: string }
  | { status: 'Running'; progress: number }
  | { status: 'Failed'; error: string };

export async function trigger(
  app: FastifyInstance,
  body: object,
): Promise<{ statusCode: number; reportId?: string; ms: number }> {
  const started = Date.now();
  const response = await app.inject({ method: 'POST', url: '/trigger_report', payload: body });
  const ms = Date.now() - started;
  return {
    statusCode: response.statusCode,
    reportId: response.statusCode === 202 ? response.json().report_id : undefined,
    ms,
  };
}

export async function getReport(app: FastifyInstance, reportId: string): Promise<ReportAnswer> {
  const response = await app.inject({ method: 'GET', url: `/get_report?report_id=${reportId}` });
  if (response.statusCode !== 200) throw new Error(`GET /get_report answered ${response.statusCode}: ${response.body}`);
  if (response.headers['x-report-status'] === 'Complete') return { status: 'Complete', csv: response.body };
  return response.json();
}

/** Waits until the report is no longer Running, and returns what the API then says. */
export function finishedReport(app: FastifyInstance, reportId: string, timeoutMs: number): Promise<ReportAnswer> {
  return waitFor(`report ${reportId} to finish`, timeoutMs, async () => {
    const answer = await getReport(app, reportId);
    return answer.status === 'Running' ? undefined : answer;
  });
}
