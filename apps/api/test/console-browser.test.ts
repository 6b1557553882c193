import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { compareStoreIds } from '@store-monitor/engine';
import { cliReport } from '../../worker/test/support/dataset';
import { ConsoleStack, launchChromium } from './support/console-stack';

/**
 * The web console end to end, as a user meets it: a real headless Chromium (Debian's, driven by
 * playwright-core) on the built API and a built worker, over the bundled sample data. Trigger a
 * report, watch it finish, sort and filter its stores, open one store's timeline, download the CSV
 * and compare it byte for byte with `store-monitor report` on the same files; then again at a
 * phone's width. Each run takes screenshots; UPDATE_SCREENSHOTS=1 writes them over the committed ones
 * in docs/images/ (so a plain test run leaves the working tree as it was), otherwise to a temp folder.
 */

/**
 * The browser's globals, as the callbacks that run in the page use them: this file is compiled
 * with Node's types only, and these names are this module's alone.
 */
interface PageElement {
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  scrollWidth: number;
  clientWidth: number;
  complete: boolean;
  naturalWidth: number;
  src: string;
  getBoundingClientRect(): { top: number; bottom: number; left: number; right: number };
  scrollIntoView(): void;
}
declare const document: { querySelector(selector: string): PageElement | null; documentElement: PageElement };
declare const window: { scrollTo(x: number, y: number): void };
declare const sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };

const SAMPLE = resolve(__dirname, '../../../data');
const IMAGES =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? resolve(__dirname, '../../../docs/images')
    : resolve(tmpdir(), `store-monitor-screenshots-${process.pid}`);
const KEY = 'console-browser-test-key-0123';
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SORTED = 'downtime_last_week';

const stack = new ConsoleStack(KEY);
let browser: Browser;
let laptop: BrowserContext;
let page: Page;
/** `store-monitor report --data data/` with the report's options: the bytes the console's CSV must be. */
let reference: string;
let referenceRows: string[][];
let reportId: string;
/** Uncaught errors in the page, and Content-Security-Policy refusals: a working console has none. */
const pageProblems: string[] = [];

beforeAll(async () => {
  mkdirSync(IMAGES, { recursive: true });
  browser = await launchChromium();
  await stack.start(SAMPLE);
  reference = cliReport({ data: SAMPLE }, { policy: 'forward', asOf: null, maxGap: '2h' });
  referenceRows = reference
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
  laptop = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
  page = await laptop.newPage();
  watchForProblems(page);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
}, 60_000);

function watchForProblems(target: Page): void {
  target.on('pageerror', (error) => pageProblems.push(`page error: ${error.message}`));
  target.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) pageProblems.push(`CSP: ${message.text()}`);
  });
}

/** The numbers a column shows on the page, in order. */
function columnTexts(column: string): Promise<string[]> {
  return page.locator(`#stores-body td[data-column="${column}"]`).allTextContents();
}

function storeIdsShown(): Promise<string[]> {
  return page.locator('#stores-body tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-store-id')!));
}

/** The reference rows sorted as GET /stores sorts: by the column, ties in store_id byte order. */
function referenceSorted(column: string, order: 'asc' | 'desc'): string[][] {
  const at = reference.split('\n')[0].split(',').indexOf(column);
  const sign = order === 'asc' ? 1 : -1;
  if (column === 'store_id') return [...referenceRows].sort((a, b) => sign * compareStoreIds(a[0], b[0]));
  return [...referenceRows].sort((a, b) => sign * (Number(a[at]) - Number(b[at])) || compareStoreIds(a[0], b[0]));
}

async function sortBy(column: string, order: 'ascending' | 'descending'): Promise<void> {
  await page.click(`#stores-head button[data-column="${column}"]`);
  await page.waitForSelector(`#stores-head th[aria-sort="${order}"] button[data-column="${column}"]`);
  await page.waitForSelector('#stores-table:not([aria-busy])');
}

describe('the console in Chromium', () => {
  it('asks for the API key once (again when it is wrong), then shows the empty history', async () => {
    await page.goto(`${stack.baseUrl}/`);
    await page.waitForSelector('#key-dialog[open]');
    await page.fill('#key-input', 'not-the-key-at-all');
    await page.click('#key-submit');
    await page.waitForFunction(() => document.querySelector('#key-reason')?.textContent === 'the API key is not valid');
    expect(await page.isVisible('#key-dialog[open]')).toBe(true);
    await page.fill('#key-input', KEY);
    await page.click('#key-submit');
    await page.waitForFunction(
      () => document.querySelector('#reports-note')?.textContent === 'No reports yet: trigger one above.',
    );
    expect(await page.isVisible('#key-dialog[open]')).toBe(false);
    // Kept for the tab, never in the address.
    expect(page.url()).not.toContain(KEY);
    expect(await page.evaluate(() => sessionStorage.getItem('store-monitor.api-key'))).toBe(KEY);
  });

  it("shows the API's 400 beside the field it names", async () => {
    await page.fill('#max_gap', 'soon');
    await page.click('#trigger-button');
    await page.waitForSelector('#max_gap[aria-invalid="true"]');
    expect(await page.textContent('#max_gap-error')).toMatch(/^body\/max_gap must be .*; got "soon"$/);
    expect(await page.textContent('#as_of-error')).toBe('');

    await page.fill('#max_gap', '');
    await page.fill('#as_of', '2031-01-01T00:00:00Z');
    await page.click('#trigger-button');
    await page.waitForSelector('#as_of[aria-invalid="true"]');
    expect(await page.textContent('#as_of-error')).toMatch(
      /^as_of 2031-01-01T00:00:00Z is more than 1d after the latest poll: it must be from the first poll \(/,
    );
    expect(await page.textContent('#max_gap-error')).toBe('');
    expect(await page.locator('#reports-body tr').count()).toBe(0);
  });

  it('triggers a report and follows its progress to Complete without a reload', async () => {
    const reportReads: number[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/reports') reportReads.push(Date.now());
    });
    await page.fill('#as_of', '');
    await page.fill('#max_gap', '2h');
    await page.selectOption('#policy', 'forward');
    await page.click('#trigger-button');

    const seen: string[] = [];
    const watch = async (until: RegExp) => {
      for (;;) {
        const state = await page.evaluate(() => {
          const panel = document.querySelector('#report-panel')!;
          const progress = document.querySelector('#report-progress-text')?.textContent ?? '';
          return `${panel.dataset.status ?? ''} ${progress}`.trim();
        });
        // Empty until the panel has shown the report once.
        if (state !== '' && seen.at(-1) !== state) seen.push(state);
        if (until.test(state)) return;
        await page.waitForTimeout(50);
      }
    };
    // No worker yet: the report waits, queued, and the page keeps asking (once a second).
    await watch(/^Queued 0% of the stores done$/);
    const readsBefore = reportReads.length;
    await page.waitForTimeout(2_500);
    expect(reportReads.length - readsBefore).toBeGreaterThanOrEqual(2);
    // Chunks of 20 stores: the sample's 200 stores take ten steps, so the progress has somewhere to go.
    await stack.startWorker({ REPORT_CHUNK_STORES: '20', WORKER_CONCURRENCY: '1' });
    await watch(/^(Complete|Failed)/);
    reportId = (await page.getAttribute('#report-panel', 'data-report-id'))!;
    expect(seen[0]).toBe('Queued 0% of the stores done');
    expect(seen.at(-1)).toBe('Complete');
    expect(page.url()).toBe(`${stack.baseUrl}/#report=${reportId}`);

    const line = page.locator(`#reports-body tr[data-report-id="${reportId}"]`);
    expect(await line.getAttribute('data-status')).toBe('Complete');
    expect(await line.getAttribute('aria-selected')).toBe('');
    expect(await line.locator('td').nth(4).textContent()).toBe('200');
    expect(await line.locator('.tag').textContent()).toBe('gap 2h');
    process.stdout.write(`console progress seen: ${seen.join(' | ')}\n`);
  }, 120_000);

  it('shows the stores a page at a time, sorts them by a column both ways, and filters them', async () => {
    await page.waitForSelector('#stores-section:not([hidden]) #stores-body tr');
    expect(await page.textContent('#page-text')).toBe('1–50 of 200');
    const header = await page
      .locator('#stores-head button')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-column')));
    expect(header).toEqual(reference.split('\n')[0].split(','));
    expect(await storeIdsShown()).toEqual(
      referenceSorted('store_id', 'asc')
        .slice(0, 50)
        .map((row) => row[0]),
    );

    await sortBy(SORTED, 'descending');
    const at = header.indexOf(SORTED);
    const worst = referenceSorted(SORTED, 'desc');
    expect(await storeIdsShown()).toEqual(worst.slice(0, 50).map((row) => row[0]));
    expect(await columnTexts(SORTED)).toEqual(worst.slice(0, 50).map((row) => Number(row[at]).toFixed(2)));

    await page.click('#page-next');
    await page.waitForFunction(() => document.querySelector('#page-text')?.textContent === '51–100 of 200');
    expect(await storeIdsShown()).toEqual(worst.slice(50, 100).map((row) => row[0]));

    await sortBy(SORTED, 'ascending');
    expect(await page.textContent('#page-text')).toBe('1–50 of 200');
    expect(await storeIdsShown()).toEqual(
      referenceSorted(SORTED, 'asc')
        .slice(0, 50)
        .map((row) => row[0]),
    );

    // A piece of one store's id: the rows left are exactly the reference's that contain it.
    const piece = worst[0][0].slice(2, 6);
    const matching = referenceSorted(SORTED, 'asc').filter((row) => row[0].toLowerCase().includes(piece.toLowerCase()));
    await page.fill('#store-filter', piece);
    await page.waitForFunction(
      (count) => document.querySelector('#page-text')?.textContent?.endsWith(` of ${count}`),
      matching.length,
    );
    expect(await storeIdsShown()).toEqual(matching.slice(0, 50).map((row) => row[0]));
    await page.fill('#store-filter', '');
    await page.waitForFunction(() => document.querySelector('#page-text')?.textContent === '1–50 of 200');
    await sortBy(SORTED, 'descending');
    // At a laptop's width the ten columns fit: nothing to scroll sideways.
    const wrap = await page.evaluate(() => {
      const box = document.querySelector('#stores-wrap')!;
      return { scrollWidth: box.scrollWidth, clientWidth: box.clientWidth };
    });
    expect(wrap.scrollWidth).toBeLessThanOrEqual(wrap.clientWidth);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(IMAGES, 'console.png') });
  });

  it('opens the store with the most downtime: its timeline picture, and numbers equal to its CSV row', async () => {
    const [worst] = referenceSorted(SORTED, 'desc');
    await page.click(`#stores-body tr[data-store-id="${worst[0]}"] .store-link`);
    await page.waitForFunction(() => {
      const image = document.querySelector('#timeline-image');
      return image?.complete === true && image.naturalWidth > 0 && image.src.startsWith('blob:');
    });
    expect(page.url()).toBe(`${stack.baseUrl}/#report=${reportId}&store=${encodeURIComponent(worst[0])}`);
    expect(await page.textContent('#store-title')).toBe(worst[0]);
    expect(await page.textContent('#store-error')).toBe('');

    // Hour, day, week; the CSV's columns are up (1-3), down (4-6), unknown (7-9).
    const cells = (field: string) => page.locator(`#store-numbers-body td[data-field="${field}"]`).allTextContents();
    const fixed = (from: number) => worst.slice(from, from + 3).map((value) => Number(value).toFixed(2));
    expect(await cells('up')).toEqual(fixed(1));
    expect(await cells('down')).toEqual(fixed(4));
    expect(await cells('unknown')).toEqual(fixed(7));

    await page.locator('#store-panel').screenshot({ path: resolve(IMAGES, 'console-timeline.png') });

    // The segments behind them: down time comes from an inactive poll, unknown from none.
    await page.click('#segments-details summary');
    const statuses = await page.locator('#segments-body tr').evaluateAll((rows) => rows.map((row) => row.className));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toContain('down');
    const downSources = await page.locator('#segments-body tr.down td:last-child').allTextContents();
    for (const source of downSources) expect(source).toMatch(/\(inactive/);
  });

  it('downloads the CSV, the same bytes as store-monitor report on the same data, and the JSON', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    expect(csv.suggestedFilename()).toBe(`report-${reportId}.csv`);
    expect(readFileSync((await csv.path())!, 'utf8')).toBe(reference);

    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    expect(json.suggestedFilename()).toBe(`report-${reportId}.json`);
    const body = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    expect(body).toMatchObject({ status: 'Complete', max_gap: '2h' });
    expect(body.rows).toHaveLength(200);
  });

  it("fits a phone's width: one column, the tables and the picture scroll inside their boxes", async () => {
    const phone = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    // A new tab asks for the key again; this one has it, as after the dialog.
    await phone.addInitScript((key) => sessionStorage.setItem('store-monitor.api-key', key), KEY);
    const small = await phone.newPage();
    watchForProblems(small);
    const [worst] = referenceSorted(SORTED, 'desc');
    await small.goto(`${stack.baseUrl}/#report=${reportId}&store=${encodeURIComponent(worst[0])}`);
    await small.waitForSelector('#stores-body tr');
    await small.waitForFunction(() => (document.querySelector('#timeline-image')?.naturalWidth ?? 0) > 0);

    const layout = await small.evaluate(() => {
      const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
      const wrap = document.querySelector('#stores-wrap')!;
      const picture = document.querySelector('.timeline-wrap')!;
      return {
        pageWidth: document.documentElement.scrollWidth,
        reports: box('.panel.reports'),
        report: box('#report-panel'),
        tableScrolls: wrap.scrollWidth > wrap.clientWidth,
        pictureScrolls: picture.scrollWidth > picture.clientWidth,
        trigger: box('#trigger-button'),
      };
    });
    expect(layout.pageWidth).toBeLessThanOrEqual(PHONE.width);
    // One column: the report sits under the history, and both fit the screen.
    expect(layout.report.top).toBeGreaterThanOrEqual(layout.reports.bottom);
    expect(layout.reports.right).toBeLessThanOrEqual(PHONE.width);
    expect(layout.trigger.right).toBeLessThanOrEqual(PHONE.width);
    expect(layout.tableScrolls).toBe(true);
    expect(layout.pictureScrolls).toBe(true);

    await small.evaluate(() => document.querySelector('#report-panel')!.scrollIntoView());
    await small.screenshot({ path: resolve(IMAGES, 'console-phone.png') });
    await phone.close();
  });

  it('met no script error and no Content-Security-Policy refusal on the way', () => {
    expect(pageProblems).toEqual([]);
  });
});
