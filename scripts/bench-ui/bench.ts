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

/** CPU time (user and system, every thread) a process has used so far, in ms, from /proc. */
function cpuMs(pid: number): number {
  // Fields after the command name, which sits in parentheses and may hold spaces.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in 1/100 s ticks
}

/** The page's renderer process: with one tab open, the renderer holding the most memory. */
async function rendererPid(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const renderers = processInfo.filter((info) => info.type === 'renderer').map((i) => i.id);
  return renderers.reduce((a, b) => (residentMb(a) >= residentMb(b) ? a : b));
}

/** Waits until the service uses under 5% of a core over half a second; the ms waited. */
async function serviceQuiet(pid: number, limitMs = 180_000): Promise<number> {
  const started = Date.now();
  for (let before = cpuMs(pid); Date.now() - started < limitMs;) {
    await new Promise((done) => setTimeout(done, 500));
    const now = cpuMs(pid);
    if (now - before < 25) break;
    before = now;
  }
  return Date.now() - started;
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

/**
 * Scrolls to `start`, then clicks ten rows below it, one at a time; `cpu` is read before and
 * after the clicks.
 */
async function selectAround(page: Page, start: number, cpu: () => number[]):
  Promise<{ times: number[]; cpuMs: number[] }> {
  await page.evaluate(({ row, height }) => {
    document.querySelector('.packet-list-viewport')!.scrollTop = row * height;
  }, { row: start, height: ROW_HEIGHT });
  await page.locator(`.packet-row[data-number="${start + 10}"]`).waitFor({ timeout: 120_000 });
  const times: number[] = [];
  const before = cpu();
  for (let i = 1; i <= 10; i++) times.push(await page.evaluate(selectProbe, start + i * 2));
  return { times, cpuMs: cpu().map((after, index) => after - before[index]) };
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
    const renderer = await rendererPid(browser);
    const service = app.process.pid!;
    const selectCpu = [0, 0];
    const selectAll = async () => {
      for (const start of [0, PACKETS / 2, PACKETS - 40]) {
        const { times, cpuMs: used } = await selectAround(page, start,
          () => [cpuMs(renderer), cpuMs(service)]);
        selections.push(...times);
        used.forEach((ms, index) => { selectCpu[index] += ms; });
      }
    };
    const selectTrace = await traceBreakdown(browser, page,
      () => maybeProfiled(page, 'selections', selectAll));
    // The first selection starts the service's conversation analysis of the whole file in
    // the background; the same clicks again once it is done show what it cost them.
    const quietAfterMs = await serviceQuiet(service);
    const busy = { selections: [...selections], cpu: [...selectCpu] };
    selections.length = 0;
    selectCpu.fill(0);
    await selectAll();
    const heapEnd = await heapMb(page);
    const figures: BenchFigures = {
      packets: PACKETS, firstRowsMs, idle, wheel, pages, sweep,
      load: [loadBefore, loadavg()[0]], cores: cpus().length,
      selections: busy.selections, selectTrace: selectTrace.groups, heapStart, heapEnd,
      selectCpuMs: { renderer: busy.cpu[0] / busy.selections.length,
        service: busy.cpu[1] / busy.selections.length },
      quiet: { afterMs: quietAfterMs, selections, serviceCpuMs: selectCpu[1] / selections.length },
      rendererMb: residentMb(renderer),
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

