// `npm run bench:capture`: a loopback flood at a fixed rate, captured at the same time by
// Tapline and by `tcpdump -w` with the same filter and buffer; prints the rate achieved, both
// sides' packets and drops, and the renderer's frame times during the flood.
//
// By default Tapline runs as a user runs it: web mode (service and capture process) with the
// UI in headless Chromium, the capture started from the capture dialog. `--no-ui` runs the
// service inside this process instead and reports its event-loop delay. `--scroll-away`
// scrolls the packet list to its top 1 s into the flood, so it stops following the newest
// packet: frame times with and without following, to tell where the renderer's time goes.
// Loopback only (127.0.0.1 on lo); bounded in count and time. Root only (packet sockets).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  CAPTURE_HELPER_ENV, configuredCaptureHelper,
} from '../../src/main/service/capture-helper-path';
import { TaplineService } from '../../src/main/service/tapline-service';
import { compileSender, runFlood, type FloodResult } from './flood-sender';
import {
  countsOf, reportCaptures, reportCpu, reportFrames, reportRate,
  type CaptureCounts, type CpuUse,
} from './flood-report';
import type { FrameRecord } from './frame-probe';
import {
  cpuByGroup, descendsFrom, machineBusySeconds, readParent, type CpuGroups,
} from './process-cpu';
import { startTcpdump } from './tcpdump-beside';
import { startUiCapture } from './ui-capture';

const RATE = Number(process.env.FLOOD_PPS ?? 100_000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 10);
const BUFFER_KIB = 32 * 1024;
const PORT = 47_999;
const FILTER = `udp port ${PORT}`;
const FRAME_LIMIT_MS = 50;
/** Time for both captures to take in the packets still in their buffers after the flood. */
const DRAIN_MS = 1500;
/** How far into the flood `--scroll-away` scrolls the list to its top. */
const SCROLL_AWAY_AFTER_MS = 1000;
/** Frames sampled before the flood, capture running, for comparison. */
const BASELINE_MS = 3000;

interface TaplineSide {
  label: string;
  /** Called as the flood starts. */
  duringFlood(): Promise<void>;
  /** The process that runs Tapline's service; its child is the capture process. */
  servicePid: number;
  beforeFlood(): Promise<void>;
  afterFlood(): Promise<void>;
  /** Stops the capture; resolves to its tcpdump-style summary. */
  stop(): Promise<string>;
  close(): Promise<void>;
}

function checkSettings(): void {
  if (!Number.isInteger(RATE) || RATE <= 0 || RATE > 2_000_000) {
    throw new Error(`FLOOD_PPS must be a whole number from 1 to 2000000, not ${RATE}`);
  }
  if (!Number.isInteger(SECONDS) || SECONDS <= 0 || SECONDS > 60) {
    throw new Error(`FLOOD_SECONDS must be a whole number from 1 to 60, not ${SECONDS}`);
  }
  if (process.getuid?.() !== 0) throw new Error('capturing and the flood need root');
  if (spawnSync('which', ['tcpdump']).status !== 0) {
    throw new Error('tcpdump is missing: apt-get install tcpdump');
  }
}

interface Frames {
  baseline?: FrameRecord;
  flood?: FrameRecord;
}

async function uiSide(spool: string, frames: Frames, scrollAway: boolean):
  Promise<TaplineSide> {
  const ui = await startUiCapture(FILTER, spool);
  return {
    label: 'Tapline (web mode + UI)',
    duringFlood: async () => {
      if (!scrollAway) return;
      await new Promise((resolve) => setTimeout(resolve, SCROLL_AWAY_AFTER_MS));
      await ui.scrollAway();
    },
    servicePid: ui.servicePid,
    beforeFlood: async () => {
      await ui.startFrames();
      await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
      frames.baseline = await ui.stopFrames();
      await ui.startFrames();
    },
    afterFlood: async () => {
      frames.flood = await ui.stopFrames();
      const list = await ui.listState();
      console.log(`packet list after the flood: ${list.shown} shown, last row drawn is ` +
        `packet ${list.lastRow.toLocaleString('en-US')}`);
    },
    stop: async () => (await ui.stop()).replace(/ · /g, '\n'),
    close: () => ui.close(),
  };
}

async function serviceSide(): Promise<TaplineSide> {
  const service = new TaplineService({ captureHelper: configuredCaptureHelper() });
  await service.startCapture({
    interface: 'lo', filter: FILTER, snapLength: 262144, promiscuous: false,
  });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const inMs = (ns: number) => `${(ns / 1e6).toFixed(1)} ms`;
  return {
    label: 'Tapline (service)',
    duringFlood: async () => {},
    servicePid: process.pid,
    beforeFlood: async () => {
      delay.enable();
    },
    afterFlood: async () => {
      delay.disable();
      console.log(`service event-loop delay while capturing: p50 ${inMs(delay.percentile(50))}, ` +
        `p99 ${inMs(delay.percentile(99))}, max ${inMs(delay.max)}`);
    },
    stop: async () => (await service.stopCapture()).capture?.summary ?? '',
    close: async () => {
      await service.close();
    },
  };
}

/** Who is who among the processes, for the CPU figures; the first match wins. */
function cpuGroups(tcpdumpPid: number, servicePid: number): CpuGroups {
  const service: CpuGroups = {
    'tcpdump': ({ pid }) => pid === tcpdumpPid,
    'Tapline capture process': ({ pid }) => readParent(pid) === servicePid,
    'Tapline service': ({ pid }) => pid === servicePid,
  };
  if (servicePid === process.pid) return service;
  return {
    'Chromium': ({ pid, name }) => name.startsWith('chrom') && descendsFrom(pid, process.pid),
    ...service,
    'bench script (playwright)': ({ pid }) => pid === process.pid,
  };
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const withUi = !process.argv.includes('--no-ui');
  const scrollAway = process.argv.includes('--scroll-away');
  checkSettings();
  const folder = mkdtempSync(join(tmpdir(), 'tapline-flood-'));
  const sender = compileSender(folder);
  console.log(`Tapline live-capture flood bench, ${new Date().toISOString()}`);
  console.log(`machine: ${cpus().length} cores; load average (1/5/15 min) before: ${load()}`);
  console.log(`flood: ${RATE.toLocaleString('en-US')} pps for ${SECONDS} s asked, 106-byte ` +
    `UDP frames to 127.0.0.1:${PORT} on lo, from udp-flood.c (packet socket, chrt -f 10)`);
  console.log(`captures: filter '${FILTER}', ${BUFFER_KIB / 1024} MiB buffer on both sides` +
    (withUi ? '; UI in headless Chromium at its normal 60 Hz frame pacing (without ' +
      '--disable-gpu-vsync or --disable-frame-rate-limit)' : '; no UI (--no-ui)'));
  if (withUi) {
    console.log(scrollAway ? 'packet list: scrolled to its top 1 s into the flood, so it ' +
      'stops following (--scroll-away)' : 'packet list: follows the newest packet throughout');
  }
  const helper = configuredCaptureHelper();
  console.log(`Tapline captures through ${helper ? `the tapline-capture helper ${helper}`
    : `its Node capture process (set ${CAPTURE_HELPER_ENV} to use the tapline-capture helper)`}`);

  process.env.TAPLINE_SPOOL_DIR = folder;
  process.env.TAPLINE_LOG_LEVEL = 'warn';
  try {
    await measure(folder, sender, withUi, scrollAway);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(`\nload average after: ${load()}`);
}

async function measure(folder: string, sender: string, withUi: boolean, scrollAway: boolean):
  Promise<void> {
  const frames: Frames = {};
  const tapline = withUi ? await uiSide(folder, frames, scrollAway) : await serviceSide();
  let flood: FloodResult;
  let ours: CaptureCounts;
  let theirs: CaptureCounts;
  let cpu: CpuUse;
  try {
    const tcpdump = await startTcpdump(join(folder, 'tcpdump.pcap'), FILTER, BUFFER_KIB);
    try {
      await tapline.beforeFlood();
      const groups = cpuGroups(tcpdump.child.pid!, tapline.servicePid);
      const cpuBefore = { groups: cpuByGroup(groups), machine: machineBusySeconds() };
      const started = performance.now();
      [flood] = await Promise.all([runFlood(sender, PORT, RATE, SECONDS), tapline.duringFlood()]);
      await new Promise((resolve) => setTimeout(resolve, DRAIN_MS));
      cpu = {
        groups: cpuByGroup(groups), machine: machineBusySeconds(),
        wall: (performance.now() - started) / 1000,
      };
      for (const name of Object.keys(cpu.groups)) cpu.groups[name] -= cpuBefore.groups[name];
      cpu.machine -= cpuBefore.machine;
      await tapline.afterFlood();
      ours = countsOf(await tapline.stop());
    } finally {
      theirs = countsOf(await tcpdump.stop());
    }
  } finally {
    await tapline.close();
  }

  console.log('');
  reportRate(flood, theirs, RATE);
  reportCaptures(ours, theirs, tapline.label);
  if (frames.flood) reportFrames(frames.flood, frames.baseline, FRAME_LIMIT_MS);
  reportCpu(cpu, flood);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
