import type { FastifyInstance } from 'fastify';
import { MAX_GAP_FORMS, parseMaxGap, parseTimestamp } from '@store-monitor/csv';
import { asOfProblem, type Policy } from '@store-monitor/engine';
import { pollBoundsOf } from '@store-monitor/report-reader';
import { HttpError, shown } from '../http-error';
import type { TimelineQuery } from '../schemas/stores';
import { AS_OF_FORMS } from '../schemas/trigger-report';

/** A timeline's query, read: what storeTimelineFromDatabase takes, and the as_of as asked. */
export interface TimelineRequest {
  /** ms since the epoch (microseconds as a fraction); null: the latest poll. */
  asOf: number | null;
  policy: Policy;
  maxGapMs: number | undefined;
}

/**
 * as_of and max_gap read exactly as POST /trigger_report reads them (and `store-monitor report`),
 * each refusal naming its field; policy is checked by the schema.
 */
export function parseTimelineQuery(query: TimelineQuery): TimelineRequest {
  return { asOf: parseAsOf(query.as_of), policy: query.policy, maxGapMs: parseMaxGapQuery(query.max_gap) };
}

function parseAsOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  const instant = parseTimestamp(text);
  if (instant === null)
    throw new HttpError(400, `querystring/as_of must be an instant such as ${AS_OF_FORMS}; got ${shown(text)}`);
  return instant;
}

function parseMaxGapQuery(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseMaxGap(text);
  if (ms === undefined) throw new HttpError(400, `querystring/max_gap must be ${MAX_GAP_FORMS}; got ${shown(text)}`);
  return ms;
}

/**
 * The trigger route's bounds: an as_of before the first poll, or more than AS_OF_MARGIN after the
 * latest, gives an empty or stale picture, so it is refused the same way (same check, same words).
 */
export async function refuseAsOfOutsideData(app: FastifyInstance, asOf: number | null): Promise<void> {
  if (asOf === null) return;
  const problem = asOfProblem(asOf, await pollBoundsOf(app.prisma), app.config.asOfMarginMs);
  if (problem !== undefined) throw new HttpError(400, problem);
}
