// Interfaces, filters and errors of the live-capture API against tcpdump's own answers, and
// open/stop cycles that must not leak descriptors.

import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CaptureError, compileFilter, formatInterfaceLine, listInterfaces, openLiveCapture,
  startCaptureProcess,
} from '../../../src/main/capture';
import { isRoot, prepareAddon } from './support/live-test-env';
import { createVethLab } from './support/veth-lab';

const BAD_FILTERS = ['udp prt 53', 'tcp port 99999', 'host 198.51.100.300', 'ether proto fish',
  'ip6 and (tcp'];
const GOOD_FILTERS = ['udp port 53', 'tcp[tcpflags] & tcp-syn != 0', 'ip6 and not icmp6',
  'net 198.51.100.0/24 and portrange 1000-2000', 'ether broadcast or arp'];

/** What tcpdump prints on stderr, without its "tcpdump: " prefix, one line per message. */
function tcpdumpSays(args: string[]): string {
  const run = spawnSync('tcpdump', args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return run.stderr.split('\n').filter((line) => line.startsWith('tcpdump: '))
    .map((line) => line.slice('tcpdump: '.length)).join('\n');
}

function caught(run: () => unknown): CaptureError {
  try {
    run();
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
  throw new Error('expected a CaptureError');
}

function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

describe.skipIf(!isRoot)('live-capture interfaces, filters and errors', () => {
  beforeAll(() => prepareAddon());

  it('numbers and describes interfaces as `tcpdump -D` does', () => {
    // Another test may add or remove an interface between the two listings: try twice.
    let ours: string[] = [];
    let theirs: string[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      ours = listInterfaces().map(formatInterfaceLine);
      theirs = execFileSync('tcpdump', ['-D'], { encoding: 'utf8' }).trimEnd().split('\n');
      if (ours.join('\n') === theirs.join('\n')) break;
    }
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(1);
  });

  it('probes each interface\'s link type as `tcpdump -L` lists it', () => {
    const probed = listInterfaces({ probeLinkTypes: true })
      .filter((device) => device.linkType !== undefined);
    expect(probed.map((device) => device.name)).toContain('lo');
    for (const device of probed) {
      // tcpdump writes this list to stderr, one indented line per link type.
      const run = spawnSync('tcpdump', ['-L', '-i', device.name], { encoding: 'utf8' });
      const listed = `${run.stdout}${run.stderr}`.split('\n')
        .filter((line) => line.startsWith('  '))
        .map((line) => line.trim().replace(' (printing not supported)', ''));
      const { name, description } = device.linkType!;
      expect(listed).toContain(`${name} (${description})`);
    }
    const lo = probed.find((device) => device.name === 'lo')!;
    expect(lo.flags.loopback).toBe(true);
    expect(lo.index).toBeGreaterThan(0);
    expect(lo.addresses.map((address) => address.address)).toContain('127.0.0.1');
  });

  it('compiles valid filters to as many instructions as `tcpdump -d` prints', () => {
    for (const filter of GOOD_FILTERS) {
      const listing = execFileSync('tcpdump', ['-i', 'lo', '-d', filter], { encoding: 'utf8' });
      const instructions = listing.trimEnd().split('\n').length;
      expect(compileFilter(filter, { dlt: 1 }).instructions, filter).toBe(instructions);
      expect(compileFilter(filter, { interface: 'lo' }).instructions, filter).toBe(instructions);
    }
  });

  it('rejects bad filters with libpcap\'s own words, when checked and when opening', () => {
    for (const filter of BAD_FILTERS) {
      const expected = tcpdumpSays(['-i', 'lo', '-d', filter]);
      expect(expected, filter).not.toBe('');
      const checked = caught(() => compileFilter(filter, { dlt: 1 }));
      expect(checked.code).toBe('CAPTURE_BAD_FILTER');
      expect(checked.detail).toBe(expected);
      const opened = caught(() => openLiveCapture({ interface: 'lo', filter }, () => {}));
      expect(opened.code).toBe('CAPTURE_BAD_FILTER');
      expect(opened.detail).toBe(expected);
      expect(opened.message).toContain(filter);
    }
  });

  it('names an unknown interface plainly, with libpcap\'s words as detail', () => {
    const name = 'tapline-none0';
    const expected = tcpdumpSays(['-i', name, '-c', '1']).split('\n')[0];
    const error = caught(() => openLiveCapture({ interface: name }, () => {}));
    expect(error.code).toBe('CAPTURE_NO_SUCH_INTERFACE');
    expect(error.message).toContain(`"${name}"`);
    expect(`${name}: ${error.detail}`).toBe(expected);
    const checking = caught(() => compileFilter('udp', { interface: name }));
    expect(checking.code).toBe('CAPTURE_NO_SUCH_INTERFACE');
  });

  it('refuses a capture on an interface that is down, saying how to bring it up', async () => {
    const lab = createVethLab();
    try {
      lab.ipA('link', 'set', lab.vethA, 'down');
      const failure = await startCaptureProcess(
        { capture: { interface: lab.vethA }, launcher: lab.inA() }, () => {})
        .then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(CaptureError);
      expect((failure as CaptureError).code).toBe('CAPTURE_INTERFACE_DOWN');
      expect((failure as CaptureError).message).toContain(`ip link set ${lab.vethA} up`);
    } finally {
      lab.destroy();
    }
  });

  it('without capture rights, says to run as root or which setcap to run', async () => {
    const nobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups',
      '--inh-caps=-all', '--bounding-set=-all'];
    const failure = await startCaptureProcess(
      { capture: { interface: 'lo' }, launcher: nobody }, () => {})
      .then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(CaptureError);
    expect((failure as CaptureError).code).toBe('CAPTURE_PERMISSION_DENIED');
    expect((failure as CaptureError).message).toContain('setcap cap_net_raw,cap_net_admin=eip');
  });

  it('rejects options out of range before libpcap sees them', () => {
    expect(caught(() => openLiveCapture({ interface: 'lo', snaplen: 0 }, () => {})).code)
      .toBe('CAPTURE_BAD_OPTIONS');
    expect(caught(() => openLiveCapture({ interface: 'lo', timeoutMs: 1.5 }, () => {})).code)
      .toBe('CAPTURE_BAD_OPTIONS');
  });

  it('opens and stops 50 captures without leaking a descriptor', async () => {
    // One cycle first, so that lazily opened descriptors (the addon, libpcap's) are counted;
    // earlier tests' pipes may still be closing, so the count may only go down.
    await openLiveCapture({ interface: 'lo', immediate: true }, () => {}).stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = openDescriptors();
    for (let cycle = 0; cycle < 50; cycle++) {
      // Half in immediate mode, half waiting out a short block-retire grace.
      const capture = openLiveCapture({ interface: 'lo', filter: 'udp port 9',
        immediate: cycle % 2 === 0, timeoutMs: 5, bufferSize: 1 << 20 }, () => {});
      expect(capture.stats().droppedByKernel).toBe(0);
      const end = await capture.stop();
      expect(end.error).toBeUndefined();
    }
    // libuv frees the poll handles on the next loop turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(openDescriptors()).toBeLessThanOrEqual(before);
  });
});
