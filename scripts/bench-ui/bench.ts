// npm run bench:ui: the workstation in Chromium (web mode) on a one-million-packet capture:
// frame times while scrolling, time to show a selected packet, the renderer's JS heap.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../tests/support/chromium';
import { startWebMode } from '../../tests/support/web-mode';
import { ensureBenchCapture, PACKETS, repoRoot } from './build-data';
import { scrollProbe, selectProbe, type ScrollRun } from './page-probes';
import { summarize, writeReport, type BenchFigures } from './report';
import { traceBreakdown } from './trace-breakdown';
import { profileTop } from './cpu-profile';

const ROW_HEIGHT = 22;

async function heapMb(page: Page): Promise<{ used: number; afterGc: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => (await cdp.send('Performance.getMetrics')).metrics
    .find((m) => m.name === 'JSHeapUsedSize')!.value / 2 ** 20;
  const used = await metric();
  await cdp.send('HeapProfiler.collectGarbage');
  const afterGc = await metric();
  await cdp.detach();
  return { used, afterGc };
}

/** Resident memory of a process in MB, from /proc (Linux). */
function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024;
}

/** The largest Chromium renderer process's resident memory: the page's, with one tab open. */
async function rendererMb(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const renderers = processInfo.filter((info) => info.type === 'renderer');
  return Math.max(...renderers.map((info) => residentMb(info.id)));
}

const vsync = Boolean(process.env.BENCH_UI_VSYNC);
const profiling = Boolean(process.env.BENCH_UI_PROFILE);

/** With BENCH_UI_PROFILE set, `work` runs under V8's profiler and its top functions print. */
async function maybeProfiled(page: Page, name: string, work: () => Promise<void>):
  Promise<void> {
  if (!profiling) return work();
  const top = await profileTop(page, work);
  console.log(`[bench-ui] ${name}: renderer functions by self time\n${top.join('\n')}`);
}

/** Scrolls to `start`, then clicks ten rows below it, one at a time. */
async function selectAround(page: Page, start: number): Promise<number[]> {
  await page.evaluate(({ row, height }) => {
    document.querySelector('.packet-list-viewport')!.scrollTop = row * height;
  }, { row: start, height: ROW_HEIGHT });
  await page.locator(`.packet-row[data-number="${start + 10}"]`).waitFor({ timeout: 120_000 });
  const times: number[] = [];
  for (let i = 1; i <= 10; i++) times.push(await page.evaluate(selectProbe, start + i * 2));
  return times;
}

async function main(): Promise<void> {
  // Always built, so the figures are those of the tree as it is now.
  console.log('[bench-ui] building the app (electron-vite build)');
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  if (build.status !== 0) throw new Error('npx electron-vite build failed: run it to see why');
  const capture = await ensureBenchCapture();
  const loadBefore = loadavg()[0];
  const opened = Date.now();
  // A spool folder of its own: captures left by other runs must not put a banner on top.
  const spool = mkdtempSync(join(tmpdir(), 'tapline-bench-ui-'));
  const app = await startWebMode([capture], { TAPLINE_SPOOL_DIR: spool });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-precise-memory-info',
      ...(vsync ? [] : ['--disable-gpu-vsync', '--disable-frame-rate-limit'])],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx names functions with a helper the page lacks; the probes run in the page.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(app.url);
    await page.getByTestId('packet-count').filter({ hasText: '1,000,000 packets' })
      .waitFor({ timeout: 120_000 });
    await page.locator('.packet-row[data-number="1"]').waitFor({ timeout: 60_000 });
    const firstRowsMs = Date.now() - opened;
    const heapStart = await heapMb(page);
    console.log(`[bench-ui] start to first rows of the indexed file: ${firstRowsMs} ms`);

    const scroll = async (name: string, fromRow: number, toRow: number, steps: number) => {
      let run: ScrollRun | undefined;
      const trace = await traceBreakdown(browser, page, () => maybeProfiled(page, name,
        async () => {
          run = await page.evaluate(scrollProbe,
            { fromRow, toRow, steps, rowHeight: ROW_HEIGHT });
        }));
      console.log(`[bench-ui] ${name} done`);
      return { ...summarize(run!), trace };
    };
    // The floor: frames with nothing to do (no scrolling), on this machine and Chromium.
    const idle = await scroll('standing still', 0, 0, 300);
    // Three rows a frame, 180 a second: reading down the list with the wheel.
    const wheel = await scroll('wheel scroll', 0, 1_800, 600);
    // 33 rows (a page and a half) a frame over the first 20,000 rows: a fast fling.
    const pages = await scroll('fling', 0, 20_000, 600);
    // The whole list, top to bottom, in 1,200 frames: a drag of the scroll bar.
    const sweep = await scroll('sweep', 0, PACKETS, 1200);

    const selections: number[] = [];
    await maybeProfiled(page, 'selections', async () => {
      for (const start of [0, PACKETS / 2, PACKETS - 40]) {
        selections.push(...await selectAround(page, start));
      }
    });
    const heapEnd = await heapMb(page);
    const figures: BenchFigures = {
      packets: PACKETS, firstRowsMs, idle, wheel, pages, sweep,
      load: [loadBefore, loadavg()[0]], cores: cpus().length,
      selections, heapStart, heapEnd, rendererMb: await rendererMb(browser),
      serviceMb: residentMb(app.process.pid!), vsync, chromium: browser.version(),
    };
    console.log(writeReport(figures));
  } finally {
    await browser.close();
    await app.stop();
    rmSync(spool, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`[bench-ui] ${error.message}`);
  process.exitCode = 1;
});

