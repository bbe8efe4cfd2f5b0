// `npm run bench`: Tapline's engine and store timed against tcpdump and tshark in one run.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBenchData, SMTP_SOURCE } from './build-data';
import { CLIENT_HOSTS, SMTP_SERVER } from './loopback-traffic';
import { describeMachine, loadAverage } from './machine';
import {
  interleave, median, medianOf, runCommand, runProbe, type Sample,
} from './measure';
import { benchData, repoRoot, sharedCaptures } from './paths';
import { type Figure, markdownItem, markdownTable, textTable } from './report';

interface MemorySample { rss: number; heapAndBuffers: number }
interface IndexResult extends Sample {
  packets: number;
  before: MemorySample;
  after: MemorySample;
}
type Timed = Sample & { matched: number };
interface FilterResult extends Sample {
  packets: number; compiled: Sample; streamed: Timed; inMemory: Timed; columnScan: Timed;
  throughStore: Timed; columnBuild: Sample; columnBytesPerPacket: number;
  columnFallbacks: number; displayed: Timed; answeredByColumns: number;
  answeredByBytes: number;
}
interface FollowResult extends Sample {
  analyzedPackets: number; sessions: number; conversation: number;
  follow: string; messageBytes: number; sha256: string;
}

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const FILTER_HOST = CLIENT_HOSTS[1];
const FILTER_PORT = SMTP_SERVER.port;
const FILTER = `host ${FILTER_HOST} and port ${FILTER_PORT}`;
const FIRST_ROWS = 100;
/** The 200 KB message the follow figure looks for, as the shared capture's notes give it. */
const SHARED_MESSAGE = join(sharedCaptures, `${SMTP_SOURCE}.messages/msg1.eml`);

const log = (line: string) => console.error(`[bench] ${line}`);
const cli = join(benchData, 'tapline.mjs');
const tapline = (...args: string[]) => () => runCommand(process.execPath, [cli, ...args]);
const command = (name: string, ...args: string[]) => () => runCommand(name, args);
const probe = <T>(name: string, ...args: string[]) => () => runProbe<T>(name, args);
const notes: string[] = [];
const figures: Figure[] = [];

/** Verdicts go by CPU time: on a shared machine it moves far less than wall time. */
const faster = (our: Sample, their: Sample, factor: number) =>
  their.cpuMs >= factor * our.cpuMs;

async function millionFigures(file: string) {
  log('index, stats, read, tcpdump -nn -r, tshark -r: interleaved');
  const [indexed, stats, read, tcpdump, tshark] = await interleave<Sample>(runs, [
    probe<IndexResult>('index-document', file), tapline('stats', file),
    tapline('read', '-nn', file), command('tcpdump', '-nn', '-r', file),
    command('tshark', '-r', file)]);
  const indexRuns = indexed.results as IndexResult[];
  const packets = indexRuns[0].packets;
  const statsText = (await runCommand(process.execPath, [cli, 'stats', file], true)).stdout;
  const statsPackets = Number(/^Packets:\s+(\d+)/m.exec(statsText)?.[1]);
  notes.push(`index: CaptureDocument counted ${packets} packets, tapline stats ${statsPackets}`);

  for (const [ours, our] of [['CaptureDocument (in process)', indexed],
    ['tapline stats F', stats]] as const) {
    figures.push({ figure: 'index 1M packets', ours, our, packets,
      against: 'tcpdump -nn -r F', their: tcpdump, target: 'faster than tcpdump',
      met: faster(our, tcpdump, 1) });
    figures.push({ figure: 'index 1M packets', ours, our, packets,
      against: 'tshark -r F', their: tshark, target: '>= 10x tshark',
      met: faster(our, tshark, 10) });
  }

  const perPacket = (pick: (r: IndexResult) => number) =>
    median(indexRuns.map((r) => pick(r) / r.packets));
  const rss = perPacket((r) => r.after.rss - r.before.rss);
  const heap = perPacket((r) => r.after.heapAndBuffers - r.before.heapAndBuffers);
  figures.push({ figure: 'index memory', ours: 'RSS growth / packet',
    our: `${rss.toFixed(1)} B/packet`, target: '<= 64 B/packet', met: rss <= 64 });
  figures.push({ figure: 'index memory', ours: 'heap + buffers / packet',
    our: `${heap.toFixed(1)} B/packet`, target: '<= 64 B/packet', met: heap <= 64 });
  const base = median(indexRuns.map((r) => r.before.rss));
  notes.push(`memory: base RSS before indexing ${(base / 2 ** 20).toFixed(0)} MiB`);

  figures.push({ figure: 'print every packet', ours: 'tapline read -nn F', our: read,
    packets, against: 'tcpdump -nn -r F', their: tcpdump, target: '>= 0.5x tcpdump',
    met: faster(read, tcpdump, 0.5) });
}

async function filterFigures(file: string) {
  log(`filter: ${FILTER}`);
  const tcpdumpArgs = ['-nn', '-r', file, FILTER];
  const [probed, tcpdump, read] = await interleave<Sample>(runs, [
    probe<FilterResult>('filter', file, FILTER, FILTER_HOST, String(FILTER_PORT)),
    command('tcpdump', ...tcpdumpArgs), tapline('read', '-nn', file, FILTER)]);
  const results = probed.results as FilterResult[];
  const way = (pick: (r: FilterResult) => Timed) => medianOf(results.map(pick));
  const first = results[0];
  const oracleLines = (await runCommand('tcpdump', tcpdumpArgs, true)).stdout
    .split('\n').filter(Boolean).length;
  const counts = [first.streamed, first.inMemory, first.columnScan, first.throughStore,
    first.displayed].map((found) => found.matched);
  notes.push(`filter: EXPR is '${FILTER}'; tcpdump printed ${oracleLines} packets; ` +
    `matched ${counts.join(', ')} (stream, in memory, sketch, store, display filter); ` +
    `the display filter answered ${first.answeredByColumns} packets from the index's ` +
    `columns and ${first.answeredByBytes} from their bytes; ` +
    `compiled in ${first.compiled.ms.toFixed(1)} ms; filling the columns from bytes in ` +
    `memory took ${medianOf(results.map((r) => r.columnBuild)).cpuMs.toFixed(0)} ms cpu; ` +
    `${first.columnFallbacks} packets the columns could not answer`);

  const packets = first.packets;
  const row = (ours: string, our: Sample, their?: Sample): Figure => ({
    figure: 'filter EXPR, 1M packets', ours, our, packets,
    against: their ? 'tcpdump -nn -r F EXPR' : undefined, their,
    target: '< 50 ms', met: our.cpuMs < 50,
  });
  figures.push(row('compileFilter, file read + parsed', way((r) => r.streamed), tcpdump));
  figures.push(row('compileFilter, bytes in memory', way((r) => r.inMemory)));
  figures.push(row('compileFilter via CaptureDocument', way((r) => r.throughStore)));
  figures.push(row('DisplayFilter via CaptureDocument (index columns)',
    way((r) => r.displayed), tcpdump));
  figures.push(row(`sketch: ${first.columnBytesPerPacket} B/packet header columns`,
    way((r) => r.columnScan)));
  figures.push({ figure: 'filter EXPR, 1M packets', ours: 'tapline read -nn F EXPR',
    our: read, packets, against: 'tcpdump -nn -r F EXPR', their: tcpdump,
    target: '>= 0.5x tcpdump', met: faster(read, tcpdump, 0.5) });
}

async function firstRowsFigure(large: string | undefined) {
  if (!large) return;
  log('first rows of the 1 GB file');
  type Rows = Sample & { infos: string[] };
  const [rows] = await interleave(runs, [probe<Rows>('first-rows', large)]);
  const oracle = (await runCommand('tcpdump',
    ['-nn', '-t', '-c', String(FIRST_ROWS), '-r', large], true)).stdout.split('\n');
  const same = rows.results[0].infos.filter((info, i) => info === oracle[i]).length;
  notes.push(`first rows: ${same} of ${FIRST_ROWS} Info texts identical to tcpdump -nn -t`);
  figures.push({ figure: `first ${FIRST_ROWS} rows, 1 GB file`,
    ours: 'TaplineService openPath + rows', our: rows, target: '< 300 ms',
    met: rows.cpuMs < 300 });
}

async function followFigures(file: string | undefined) {
  if (!file || !existsSync(SHARED_MESSAGE)) return;
  log('follow the 200 KB SMTP message');
  const messageBytes = String(statSync(SHARED_MESSAGE).size);
  const found = await runProbe<FollowResult>('smtp-follow', [file, messageBytes]);
  const [one, whole, tshark] = await interleave<Sample>(runs, [
    probe<FollowResult>('smtp-follow', file, messageBytes, found.follow),
    probe<FollowResult>('smtp-follow', file, messageBytes),
    command('tshark', '-r', file, '-q', '-z', `follow,tcp,raw,${found.conversation}`)]);
  const sums = readFileSync(join(sharedCaptures, `${SMTP_SOURCE}.messages/SHA256SUMS`), 'utf8');
  const expected = /^([0-9a-f]{64})\s+msg1\.eml$/m.exec(sums)?.[1];
  const same = [...one.results, ...whole.results]
    .every((result) => (result as FollowResult).sha256 === expected);
  notes.push(`follow: conversation ${found.conversation} (${found.follow}); message of ` +
    `${found.messageBytes} bytes ${same ? 'identical to' : 'DIFFERENT from'} the shared ` +
    `msg1.eml in every run; ${found.sessions} SMTP sessions in the file`);

  const packets = found.analyzedPackets;
  const figure = 'follow 200 KB message, 100k';
  const against = 'tshark -q -z follow,tcp,raw,N';
  figures.push({ figure, ours: 'filter + SMTP rebuild of one', our: one, packets, against,
    their: tshark, target: '< 200 ms', met: one.cpuMs < 200 && same });
  figures.push({ figure, ours: 'SMTP rebuild of every session', our: whole, packets, against,
    their: tshark, target: '(context)' });
}

async function main() {
  const started = performance.now();
  const machine = describeMachine();
  const data = await ensureBenchData();
  notes.push(...data.notes);
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build-cli.mjs'), '--outfile', cli]);

  const [startup] = await interleave(runs, [tapline('--help')]);
  notes.push(`node start + CLI load (tapline --help): ${startup.ms.toFixed(0)} ms wall, ` +
    `${startup.cpuMs.toFixed(0)} ms cpu, part of every tapline command`);
  await millionFigures(data.million);
  await filterFigures(data.million);
  await firstRowsFigure(data.large);
  await followFigures(data.smtp);

  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  const footer = [`medians of ${runs} runs, contenders interleaved; cpu = user + system ` +
    'time; ratio = their time / ours (above 1: Tapline faster); results judged on cpu time',
  ...notes, `load average at end: ${loadAverage()}; whole run ${minutes} min`];
  console.log([...machine, '', textTable(figures), '', ...footer].join('\n'));
  const markdown = [...machine.map((line) => markdownItem(line)), '', markdownTable(figures),
    '', ...footer.map((line) => markdownItem(line)), ''].join('\n');
  writeFileSync(join(benchData, 'last-run.md'), markdown);
  log('Markdown copy of this table: bench-data/last-run.md');
}

main().catch((error: unknown) => {
  console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
