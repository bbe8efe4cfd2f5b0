// What the figures were measured on: cores, CPU model, load, and the versions of each tool.

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

function firstLine(command: string, args: readonly string[]): string {
  try {
    const text = execFileSync(command, args,
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return text.split('\n')[0].trim();
  } catch (error) {
    return `${command} not available (${(error as Error).message.split('\n')[0]})`;
  }
}

export function loadAverage(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

export function describeMachine(): string[] {
  const processors = cpus();
  return [
    `machine: ${processors.length} cores, ${processors[0]?.model ?? 'unknown CPU'}, ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `tools: node ${process.version}; ${firstLine('tcpdump', ['--version'])}; ` +
      `${firstLine('tshark', ['--version'])}`,
    `load average at start: ${loadAverage()}`,
  ];
}
