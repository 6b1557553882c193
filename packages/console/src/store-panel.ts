import { ApiError, errorBody, getJson, request } from './api.js';
import { byId, fill, h } from './dom.js';
import { lengthText, localClock, timelinePath, windowsOf } from './format.js';
import type { PollView, ReportRecord, TimelineView } from './types.js';

/** The picture's object URL, let go when the next store's replaces it. */
let pictureUrl: string | null = null;
let sequence = 0;

/**
 * One store as the report saw it (its now, policy and max gap): the timeline picture from the
 * server, the row's numbers, and each segment with the poll its status comes from.
 */
export async function showStore(report: ReportRecord, storeId: string): Promise<void> {
  const mine = ++sequence;
  const panel = byId('store-panel');
  panel.hidden = false;
  byId('store-title').textContent = storeId;
  byId('store-error').textContent = '';
  byId('store-note').textContent = 'Loading…';
  panel.setAttribute('aria-busy', 'true');
  try {
    const [timeline, picture] = await Promise.all([
      getJson<TimelineView>(timelinePath(storeId, report, '')),
      fetchPicture(timelinePath(storeId, report, '.svg')),
    ]);
    if (mine !== sequence) return;
    showPicture(picture, timeline);
    showNumbers(timeline);
    showSegments(timeline);
    byId('store-note').textContent =
      `${timeline.time_zone} · policy ${timeline.policy}${timeline.max_gap ? ` · max gap ${timeline.max_gap}` : ''}` +
      ` · week from ${localClock(timeline.from_local)} to ${localClock(timeline.now_local)} (local)`;
  } catch (error) {
    if (mine !== sequence) return;
    byId('store-note').textContent = '';
    byId('store-error').textContent = error instanceof Error ? error.message : String(error);
  } finally {
    if (mine === sequence) panel.removeAttribute('aria-busy');
  }
}

export function hideStore(): void {
  sequence++;
  byId('store-panel').hidden = true;
}

/** The SVG, fetched with the key (an <img src> could not send it) and shown as an image: it runs no script. */
async function fetchPicture(path: string): Promise<Blob> {
  const response = await request(path, { headers: { accept: 'image/svg+xml' } });
  if (!response.ok) throw new ApiError(response.status, (await errorBody(response)).message);
  return new Blob([await response.arrayBuffer()], { type: 'image/svg+xml' });
}

function showPicture(picture: Blob, timeline: TimelineView): void {
  const image = byId<HTMLImageElement>('timeline-image');
  if (pictureUrl !== null) URL.revokeObjectURL(pictureUrl);
  pictureUrl = URL.createObjectURL(picture);
  image.alt =
    `Timeline of store ${timeline.store_id}: one row per local day, business hours as bands, ` +
    'up, down and unknown time, and the polls as ticks';
  image.src = pictureUrl;
}

function showNumbers(timeline: TimelineView): void {
  const windows = windowsOf(timeline.row);
  const withUnknown = windows.some((line) => line.unknown !== null);
  byId('store-numbers').classList.toggle('with-unknown', withUnknown);
  fill(
    byId('store-numbers-body'),
    ...windows.map((line) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, `${line.window} (${line.unit})`),
        h('td', { class: 'num up', 'data-field': 'up' }, line.up),
        h('td', { class: 'num down', 'data-field': 'down' }, line.down),
        h('td', { class: 'num unknown unknown-col', 'data-field': 'unknown' }, line.unknown ?? ''),
      ),
    ),
  );
}

function showSegments(timeline: TimelineView): void {
  const polls = new Map<string, PollView>(timeline.polls.map((poll) => [poll.at, poll]));
  const lines = timeline.spans.flatMap((span) =>
    span.segments.map((segment) => {
      const poll = segment.poll_at === null ? undefined : polls.get(segment.poll_at);
      const source = poll === undefined ? (segment.poll_at ?? 'none: too far from any poll') : pollText(poll);
      return h(
        'tr',
        { class: segment.status },
        h('td', {}, localClock(segment.start_local)),
        h('td', {}, localClock(segment.end_local)),
        h('td', { class: 'num' }, lengthText(segment.start, segment.end)),
        h('td', {}, h('span', { class: `status ${segment.status}` }, segment.status)),
        h('td', {}, source),
      );
    }),
  );
  fill(byId('segments-body'), ...lines);
}

function pollText(poll: PollView): string {
  const where = poll.in_business_hours ? '' : ', outside business hours';
  return `${localClock(poll.at_local)} (${poll.status}${where})`;
}
