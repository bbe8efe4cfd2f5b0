// `npm run bench`: Tapline's engine and store timed against tcpdump and tshark in one run.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBenchData, SMTP_SOURCE } from './build-data';
import { CLIENT_HOSTS, SMTP_SERVER } from './loopback-traffic';
import { describeMachine, loadAverage } from './machine';
import { median, probeRuns, runCommand, runProbe, timeCommand } from './measure';
import { benchData, repoRoot, sharedCaptures } from './paths';
import { type Figure, markdownTable, textTable } from './report';

interface IndexResult {
  packets: number;
  ms: number;
  before: { rss: number; heapAndBuffers: number };
  after: { rss: number; heapAndBuffers: number };
}
interface Timed { ms: number; matched: number }
interface FilterResult {
  packets: number; compileMs: number; streamed: Timed; inMemory: Timed; columnScan: Timed;
  throughStore: Timed; columnBytesPerPacket: number; columnFallbacks: number;
  columnBuildMs: number;
}
interface FollowResult {
  ms: number; analyzedPackets: number; sessions: number; conversation: number;
  follow: string; messageBytes: number; sha256: string;
}

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const FILTER_HOST = CLIENT_HOSTS[1];
const FILTER_PORT = SMTP_SERVER.port;
const FILTER = `host ${FILTER_HOST} and port ${FILTER_PORT}`;
const FIRST_ROWS = 100;

const log = (line: string) => console.error(`[bench] ${line}`);
const cli = join(benchData, 'tapline.mjs');
const tapline = (...args: string[]) => [cli, ...args];
const notes: string[] = [];
const figures: Figure[] = [];

async function indexFigures(file: string, tcpdumpMs: number, tsharkMs: number) {
  log('index: CaptureDocument, tapline stats');
  const indexed = await probeRuns<IndexResult>(runs, 'index-document', [file], (r) => r.ms);
  const packets = indexed.results[0].packets;
  const statsMs = await timeCommand(runs, process.execPath, tapline('stats', file));
  const statsText = (await runCommand(process.execPath, tapline('stats', file), true)).stdout;
  const statsPackets = Number(/^Packets:\s+(\d+)/m.exec(statsText)?.[1]);
  notes.push(`index: CaptureDocument counted ${packets} packets, tapline stats ${statsPackets}`);

  for (const [ours, ms] of [['CaptureDocument (in process)', indexed.median],
    ['tapline stats F', statsMs]] as const) {
    figures.push({ figure: 'index 1M packets', ours, ourValue: ms, packets,
      against: 'tcpdump -nn -r F', theirMs: tcpdumpMs, target: 'faster than tcpdump',
      met: tcpdumpMs > ms });
    figures.push({ figure: 'index 1M packets', ours, ourValue: ms, packets,
      against: 'tshark -r F', theirMs: tsharkMs, target: '>= 10x tshark',
      met: tsharkMs >= 10 * ms });
  }

  const perPacket = (pick: (r: IndexResult) => number) =>
    median(indexed.results.map((r) => pick(r) / r.packets));
  const rss = perPacket((r) => r.after.rss - r.before.rss);
  const heap = perPacket((r) => r.after.heapAndBuffers - r.before.heapAndBuffers);
  figures.push({ figure: 'index memory', ours: 'RSS growth / packet', ourValue:
    `${rss.toFixed(1)} B/packet`, target: '<= 64 B/packet', met: rss <= 64 });
  figures.push({ figure: 'index memory', ours: 'heap + buffers / packet', ourValue:
    `${heap.toFixed(1)} B/packet`, target: '<= 64 B/packet', met: heap <= 64 });
  const base = median(indexed.results.map((r) => r.before.rss));
  notes.push(`memory: base RSS before indexing ${(base / 2 ** 20).toFixed(0)} MiB`);
}

async function readFigures(file: string, packets: number, tcpdumpMs: number) {
  log('read: tapline read -nn');
  const readMs = await timeCommand(runs, process.execPath, tapline('read', '-nn', file));
  figures.push({ figure: 'print every packet', ours: 'tapline read -nn F', ourValue: readMs,
    packets, against: 'tcpdump -nn -r F', theirMs: tcpdumpMs, target: '>= 0.5x tcpdump',
    met: tcpdumpMs / readMs >= 0.5 });
}

async function filterFigures(file: string) {
  log(`filter: ${FILTER}`);
  const result = await runProbe<FilterResult>('filter',
    [file, FILTER, FILTER_HOST, String(FILTER_PORT)]);
  const tcpdumpArgs = ['-nn', '-r', file, FILTER];
  const tcpdumpMs = await timeCommand(runs, 'tcpdump', tcpdumpArgs);
  const readMs = await timeCommand(runs, process.execPath, tapline('read', '-nn', file, FILTER));
  const oracleLines = (await runCommand('tcpdump', tcpdumpArgs, true)).stdout
    .split('\n').filter(Boolean).length;
  const counts = [result.streamed, result.inMemory, result.columnScan, result.throughStore]
    .map((found) => found.matched);
  notes.push(`filter: EXPR is '${FILTER}'; tcpdump printed ${oracleLines} packets; ` +
    `compileFilter matched ${counts.join(', ')} (stream, in memory, columns, store); compiled in ` +
    `${result.compileMs.toFixed(1)} ms; filling the columns from bytes in memory took ` +
    `${result.columnBuildMs.toFixed(0)} ms; ${result.columnFallbacks} packets the columns ` +
    `could not answer`);

  const packets = result.packets;
  const row = (ours: string, ms: number, against?: string, theirMs?: number): Figure => ({
    figure: 'filter EXPR, 1M packets', ours, ourValue: ms, packets, against, theirMs,
    target: '< 50 ms', met: ms < 50,
  });
  figures.push(row('compileFilter, file read + parsed', result.streamed.ms,
    'tcpdump -nn -r F EXPR', tcpdumpMs));
  figures.push(row('compileFilter, bytes in memory', result.inMemory.ms));
  figures.push(row('compileFilter via CaptureDocument', result.throughStore.ms));
  figures.push(row(`sketch: ${result.columnBytesPerPacket} B/packet header columns`,
    result.columnScan.ms));
  figures.push({ figure: 'filter EXPR, 1M packets', ours: 'tapline read -nn F EXPR',
    ourValue: readMs, packets, against: 'tcpdump -nn -r F EXPR', theirMs: tcpdumpMs,
    target: '>= 0.5x tcpdump', met: tcpdumpMs / readMs >= 0.5 });
}

async function firstRowsFigure(large: string | undefined) {
  if (!large) return;
  log('first rows of the 1 GB file');
  const rows = await probeRuns<{ ms: number; infos: string[] }>(runs, 'first-rows', [large],
    (r) => r.ms);
  const oracle = (await runCommand('tcpdump',
    ['-nn', '-t', '-c', String(FIRST_ROWS), '-r', large], true)).stdout.split('\n');
  const same = rows.results[0].infos.filter((info, i) => info === oracle[i]).length;
  notes.push(`first rows: ${same} of ${FIRST_ROWS} Info texts identical to tcpdump -nn -t`);
  figures.push({ figure: `first ${FIRST_ROWS} rows, 1 GB file`,
    ours: 'TaplineService openPath + rows', ourValue: rows.median, target: '< 300 ms',
    met: rows.median < 300 });
}

async function followFigures(file: string) {
  log('follow the 200 KB SMTP message');
  const whole = await probeRuns<FollowResult>(runs, 'smtp-follow', [file, '206476'],
    (r) => r.ms);
  const found = whole.results[0];
  const one = await probeRuns<FollowResult>(runs, 'smtp-follow',
    [file, '206476', found.follow], (r) => r.ms);
  const tsharkMs = await timeCommand(runs, 'tshark',
    ['-r', file, '-q', '-z', `follow,tcp,raw,${found.conversation}`]);
  const sums = readFileSync(join(sharedCaptures, `${SMTP_SOURCE}.messages/SHA256SUMS`), 'utf8');
  const expected = /^([0-9a-f]{64})\s+msg1\.eml$/m.exec(sums)?.[1];
  const same = [found.sha256, one.results[0].sha256].every((sha) => sha === expected);
  notes.push(`follow: conversation ${found.conversation} (${found.follow}); message of ` +
    `${found.messageBytes} bytes ${same ? 'identical to' : 'DIFFERENT from'} the shared ` +
    `msg1.eml; ${found.sessions} SMTP sessions in the file`);

  const packets = found.analyzedPackets;
  figures.push({ figure: 'follow 200 KB message, 100k', ours: 'filter + SMTP rebuild of one',
    ourValue: one.median, packets, against: 'tshark -q -z follow,tcp,raw,N',
    theirMs: tsharkMs, target: '< 200 ms', met: one.median < 200 && same });
  figures.push({ figure: 'follow 200 KB message, 100k', ours: 'SMTP rebuild of every session',
    ourValue: whole.median, packets, against: 'tshark -q -z follow,tcp,raw,N',
    theirMs: tsharkMs, target: '(context)' });
}

async function main() {
  const started = performance.now();
  const machine = describeMachine();
  const data = await ensureBenchData();
  notes.push(...data.notes);
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build-cli.mjs'), '--outfile', cli]);

  const startupMs = await timeCommand(runs, process.execPath, tapline('--help'));
  notes.push(`node start + CLI load (tapline --help): ${startupMs.toFixed(0)} ms, ` +
    'part of every tapline command time');
  log('oracles: tcpdump -nn -r, tshark -r');
  const tcpdumpMs = await timeCommand(runs, 'tcpdump', ['-nn', '-r', data.million]);
  const tsharkMs = await timeCommand(runs, 'tshark', ['-r', data.million]);
  await indexFigures(data.million, tcpdumpMs, tsharkMs);
  await readFigures(data.million, figures[0].packets!, tcpdumpMs);
  await filterFigures(data.million);
  await firstRowsFigure(data.large);
  await followFigures(data.smtp);

  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  const footer = [`medians of ${runs} runs; ratio = their time / ours (above 1: Tapline ` +
    `faster)`, ...notes, `load average at end: ${loadAverage()}; whole run ${minutes} min`];
  console.log([...machine, '', textTable(figures), '', ...footer].join('\n'));
  const markdown = [...machine.map((line) => `- ${line}`), '', markdownTable(figures), '',
    ...footer.map((line) => `- ${line}`), ''].join('\n');
  writeFileSync(join(benchData, 'last-run.md'), markdown);
  log('Markdown copy of this table: bench-data/last-run.md');
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
