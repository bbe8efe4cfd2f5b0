// The tapline-capture helper on lo: what it writes against tcpdump capturing at the same
// time, its statistics, its errors, and least privilege (file capabilities, run as nobody,
// every capability gone once the socket is open).

import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureParser } from '../../../src/engine/files/capture-parser';
import type {
  CaptureInterface, InterfaceStatistics,
} from '../../../src/engine/files/packet-record';
import { startCaptureHelper, CaptureError } from '../../../src/main/capture';
import {
  AS_NOBODY, buildHelper, grantedHelperCopy, missingPrivilegeTools, processRights, runHelper,
  startHelper, tcpdumpLines,
} from './support/helper-run';
import { isRoot } from './support/live-test-env';
import { startTcpdump } from './support/tcpdump-writer';

const DATAGRAMS = 60;

/** Sends `count` datagrams to 127.0.0.1:port; paced unless `burst`, as fast as it can then. */
async function sendDatagrams(port: number, count: number, burst = false): Promise<void> {
  const socket = createSocket('udp4');
  for (let i = 0; i < count; i++) {
    await new Promise<void>((done, fail) => socket.send(`helper datagram ${i}`, port,
      '127.0.0.1', (error) => (error ? fail(error) : done())));
    if (!burst && i % 10 === 9) await new Promise((done) => setTimeout(done, 2));
  }
  socket.close();
}

function freePort(): number {
  return 20_000 + Math.floor(Math.random() * 40_000);
}

/** The interfaces and statistics blocks of a pcapng file, read by the engine's parser. */
function pcapngBlocks(file: string) {
  const interfaces: CaptureInterface[] = [];
  const statistics: InterfaceStatistics[] = [];
  let packets = 0;
  const parser = createCaptureParser({
    interface: (found) => interfaces.push(found),
    statistics: (found) => statistics.push(found),
    packet: () => { packets++; },
  });
  parser.push(readFileSync(file));
  parser.end();
  return { interfaces, statistics, packets };
}

describe.skipIf(!isRoot)('the tapline-capture helper', () => {
  let helper: string;
  let workDir: string;

  beforeAll(() => {
    helper = buildHelper();
    workDir = mkdtempSync(path.join(tmpdir(), 'tapline-helper-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('writes pcapng that tcpdump reads line for line as it read its own capture', async () => {
    const port = freePort();
    const filter = `udp port ${port}`;
    const oracleFile = path.join(workDir, 'oracle.pcap');
    const ourFile = path.join(workDir, 'helper.pcapng');
    const tcpdump = await startTcpdump('lo', filter, oracleFile);
    const run = await startHelper(helper, ['-i', 'lo', '-f', filter], ourFile);
    await sendDatagrams(port, DATAGRAMS);
    await new Promise((done) => setTimeout(done, 200));
    const end = await run.stop('signal');
    await tcpdump.stop();

    expect(end.code).toBe(0);
    const ours = tcpdumpLines(ourFile, ['--nano']);
    expect(ours).toHaveLength(DATAGRAMS);
    expect(ours).toEqual(tcpdumpLines(oracleFile, ['--nano']));
    expect(ours[0]).toContain(`> 127.0.0.1.${port}: UDP, length 17`);

    // The header: link type, snaplen, nanosecond resolution, the filter, then counters.
    const blocks = pcapngBlocks(ourFile);
    expect(blocks.interfaces).toEqual([expect.objectContaining({
      linkType: 1, snapLength: 262144, name: 'lo', filter, ticksPerSecond: 1e9,
    })]);
    const last = blocks.statistics.at(-1)!;
    // On lo the kernel counts each packet twice (out and in), as tcpdump's summary does, and
    // also whatever crossed lo before the filter was attached: other tests' traffic, which
    // can overflow the ring then and be counted as dropped.
    expect(last.received).toBeGreaterThanOrEqual(2 * DATAGRAMS);
    const closing = end.stderr.trim().split('\n').at(-1);
    expect(closing).toBe(`tapline-capture: ${DATAGRAMS} packets captured, ${last.received} `
      + `received by filter, ${last.droppedByOs} dropped by kernel, `
      + `${last.droppedByInterface} dropped by interface`);
  });

  it('stops when its piped input ends, and writes classic pcap with -P and -c', async () => {
    const port = freePort();
    const file = path.join(workDir, 'helper.pcap');
    const run = await startHelper(helper, ['-i', 'lo', '-f', `udp port ${port}`, '-P'], file);
    await sendDatagrams(port, 12);
    await new Promise((done) => setTimeout(done, 100));
    const end = await run.stop('stdin');
    expect(end.code).toBe(0);
    expect(readFileSync(file).readUInt32LE(0)).toBe(0xa1b23c4d);
    expect(tcpdumpLines(file)).toHaveLength(12);

    const limited = path.join(workDir, 'limited.pcapng');
    const counted = await startHelper(helper, ['-i', 'lo', '-f', `udp port ${port}`, '-c', '5'],
      limited);
    await sendDatagrams(port, 12);
    const stopped = await counted.stop('stdin');
    expect(stopped.stderr).toMatch(/^tapline-capture: 5 packets captured, /m);
    expect(tcpdumpLines(limited)).toHaveLength(5);
  });

  it('takes a burst of 20000 datagrams to the app without a drop', async () => {
    // Immediate mode (-I) gives each packet a ring slot of its own: it dropped ~10% of such a
    // burst here into a file, and 96% through the app's pipe. The default packs packets
    // into the kernel's blocks, which absorb the burst while the app reads.
    const burst = 20_000;
    const port = freePort();
    let packets = 0;
    let batches = 0;
    const capture = await startCaptureHelper(
      { helper, capture: { interface: 'lo', filter: `udp dst port ${port}`, timeoutMs: 100 } },
      (batch) => {
        batches++;
        packets += batch.count;
      });
    const started = Date.now();
    await sendDatagrams(port, burst, true);
    const sentMs = Date.now() - started;
    const end = await capture.stop();

    console.log(`[capture test] helper burst: ${burst} datagrams sent in ${sentMs} ms, `
      + `${batches} batches, ${end.stats.droppedByKernel} dropped by kernel`);
    expect(end.error).toBeUndefined();
    expect(end.stats.droppedByKernel).toBe(0);
    expect(end.packets).toBe(burst);
    expect(packets).toBe(burst);
  });

  it('says what is wrong in one line with its own exit code', () => {
    const noDevice = runHelper(helper, ['-i', 'tapline-nosuch0']);
    expect(noDevice.code).toBe(3);
    expect(noDevice.stderr).toMatch(
      /^tapline-capture: there is no interface named 'tapline-nosuch0' \(libpcap: .+\)\n$/);

    // libpcap's complaint is the one tcpdump prints for the same expression.
    const oracle = spawnSync('tcpdump', ['-i', 'lo', '-d', 'udp prt 53'], { encoding: 'utf8' })
      .stderr.trim().split('\n').at(-1)!.replace(/^tcpdump: /, '');
    expect(oracle).toMatch(/syntax error/);
    const badFilter = runHelper(helper, ['-i', 'lo', '-f', 'udp prt 53']);
    expect(badFilter.code).toBe(5);
    expect(badFilter.stderr).toBe(`tapline-capture: bad capture filter 'udp prt 53': ${oracle}\n`);

    const badSnaplen = runHelper(helper, ['-i', 'lo', '-s', '0']);
    expect(badSnaplen.code).toBe(2);
    expect(badSnaplen.stderr).toMatch(/^tapline-capture: -s wants a whole number/);
    expect(runHelper(helper, []).code).toBe(2);
  });

  it('ends at once on SIGTERM while libpcap is still compiling a slow filter', async () => {
    // libpcap's optimizer takes seconds over a long chain of alternatives.
    const filter = Array.from({ length: 400 }, (_, i) => `port ${i + 1}`).join(' or ');
    const child = spawn(helper, ['-i', 'lo', '-f', filter], { stdio: 'ignore' });
    const ended = new Promise<string>((resolve) => {
      child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`));
    });
    await new Promise((done) => setTimeout(done, 300));
    const asked = Date.now();
    child.kill('SIGTERM');
    const how = await ended;
    expect(Date.now() - asked).toBeLessThan(1000);
    expect(how).toMatch(/^(SIGTERM|exit 0)$/);
  });

  it('gives the app the same clear errors through CaptureHelperProcess', async () => {
    const caught = async (options: Parameters<typeof startCaptureHelper>[0]) =>
      startCaptureHelper(options, () => {}).then(() => {
        throw new Error('expected the helper to refuse');
      }, (error: unknown) => error as CaptureError);

    const noDevice = await caught({ helper, capture: { interface: 'tapline-nosuch0' } });
    expect(noDevice).toMatchObject({ code: 'CAPTURE_NO_SUCH_INTERFACE' });
    const badFilter = await caught({ helper, capture: { interface: 'lo', filter: 'host and' } });
    expect(badFilter).toMatchObject({
      code: 'CAPTURE_BAD_FILTER', detail: 'can\'t parse filter expression: syntax error',
    });
    expect(badFilter.message).toContain('"host and" is not valid');
    const missing = await caught({ helper: path.join(workDir, 'nothing-here'),
      capture: { interface: 'lo' } });
    expect(missing).toMatchObject({ code: 'CAPTURE_CHILD_FAILED' });
    expect(missing.message).toContain('is missing');
  });

  describe('least privilege', () => {
    const missing = missingPrivilegeTools();
    if (missing.length > 0) {
      console.warn(`[capture tests] skipping least-privilege tests: ${missing.join(', ')} `
        + 'not installed (apt-get install libcap2-bin util-linux)');
    }
    let granted: string;
    let bare: string;

    beforeAll(() => {
      if (missing.length > 0) return;
      granted = grantedHelperCopy(helper);
      // The same binary beside it, without the capabilities.
      bare = path.join(path.dirname(granted), 'tapline-capture-bare');
      copyFileSync(helper, bare);
      chmodSync(bare, 0o755);
    });
    afterAll(() => {
      if (granted) rmSync(path.dirname(granted), { recursive: true, force: true });
    });

    it.skipIf(missing.length > 0)('captures as nobody with only its file capabilities, '
      + 'then holds none', async () => {
      const port = freePort();
      const file = path.join(workDir, 'nobody.pcapng');
      const run = await startHelper(granted, ['-i', 'lo', '-f', `udp port ${port}`], file,
        AS_NOBODY);
      // setpriv execs the helper: same process. It has opened the socket by now.
      const rights = processRights(run.pid);
      expect(rights.uids).toEqual([65534, 65534, 65534, 65534]);
      expect(rights.caps).toMatchObject({ CapEff: 0n, CapPrm: 0n, CapInh: 0n, CapAmb: 0n });
      await sendDatagrams(port, 20);
      await new Promise((done) => setTimeout(done, 100));
      const end = await run.stop();
      expect(end.code).toBe(0);
      expect(tcpdumpLines(file)).toHaveLength(20);
    });

    it.skipIf(missing.length > 0)('tells nobody the link type with -L, as tcpdump -L does',
      () => {
        // tcpdump prints its list on stderr.
        const [first] = spawnSync('tcpdump', ['-i', 'lo', '-L'], { encoding: 'utf8' }).stderr
          .split('\n').filter((line) => line.startsWith('  '));
        // tcpdump: "  EN10MB (Ethernet)"; the helper: "1 EN10MB".
        const name = first.trim().split(' ')[0];
        expect(runHelper(granted, ['-i', 'lo', '-L'], AS_NOBODY)).toEqual({
          code: 0, stderr: '',
        });
        const said = spawnSync(AS_NOBODY[0], [...AS_NOBODY.slice(1), granted, '-i', 'lo', '-L'],
          { encoding: 'utf8' }).stdout;
        expect(said).toBe(`1 ${name}\n`);
      });

    it.skipIf(missing.length > 0)('run as root it keeps no capability either', async () => {
      const run = await startHelper(helper, ['-i', 'lo', '-f', 'udp port 9'],
        path.join(workDir, 'root.pcapng'));
      const rights = processRights(run.pid);
      expect(rights.caps).toMatchObject({ CapEff: 0n, CapPrm: 0n, CapBnd: 0n });
      expect((await run.stop()).code).toBe(0);
    });

    it.skipIf(missing.length > 0)('without the capabilities it fails with the permission '
      + 'error', async () => {
      const refused = runHelper(bare, ['-i', 'lo'], AS_NOBODY);
      expect(runHelper(bare, ['-i', 'lo', '-L'], AS_NOBODY).code).toBe(4);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(new RegExp('^tapline-capture: no permission to capture on '
        + 'lo: this program needs root or the capabilities cap_net_raw,cap_net_admin '
        + '\\(libpcap: .*Operation not permitted\\)\n$'));

      const error = await startCaptureHelper({ helper: bare, launcher: AS_NOBODY,
        capture: { interface: 'lo' } }, () => {}).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CaptureError);
      expect(error).toMatchObject({ code: 'CAPTURE_PERMISSION_DENIED' });
      expect((error as CaptureError).message)
        .toContain(`setcap cap_net_raw,cap_net_admin=ep ${bare}`);
    });
  });
});
