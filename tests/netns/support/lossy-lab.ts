// Three network namespaces: a client and a server joined through a middle one whose
// user-space forwarder drops, reorders, duplicates and delays TCP frames.
// Addresses come only from the documentation ranges 198.51.100.0/24 and 2001:db8::/32.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const supportDir = path.dirname(fileURLToPath(import.meta.url));
export const FORWARDER = path.join(supportDir, 'lossy-forwarder.py');
export const SMTP_SINK = path.join(supportDir, 'smtp-sink.py');
const OFFLOADS_OFF = path.join(supportDir, 'offloads-off.py');

/** How long a helper may take to say it is ready before the test gives up on it. */
const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface LossyLab {
  readonly client: string;
  readonly middle: string;
  readonly server: string;
  /** The client's link, where tcpdump listens. */
  readonly clientLink: string;
  readonly middleLinks: readonly [string, string];
  readonly clientAddress4: string;
  readonly serverAddress4: string;
  readonly clientAddress6: string;
  readonly serverAddress6: string;
  /** Words that run a command inside a namespace. */
  in(namespace: string): string[];
  /** Starts a helper in a namespace; it is stopped by destroy() if still running. */
  start(namespace: string, command: string[], readyWord: string,
    from?: 'stdout' | 'stderr'): Promise<Helper>;
  destroy(): Promise<void>;
}

export interface Helper {
  readonly child: ChildProcess;
  /** All it printed, for a failure message. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in a few seconds; resolves on exit. */
  stop(): Promise<void>;
}

const labs = new Set<LossyLab>();

// Namespaces outlive a crashed test run; this removes ours even then.
process.once('exit', () => {
  for (const lab of labs) {
    for (const name of [lab.client, lab.middle, lab.server]) deleteNamespace(name);
  }
});

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Runs a command inside a namespace to its end. */
function inNamespace(namespace: string, ...command: string[]): void {
  execFileSync('ip', ['netns', 'exec', namespace, ...command],
    { stdio: ['ignore', 'ignore', 'pipe'] });
}

function deleteNamespace(name: string): void {
  try {
    ip('netns', 'del', name);
  } catch {
    // Never created, or already gone.
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function startHelper(prefix: string[], command: string[], readyWord: string,
  from: 'stdout' | 'stderr'): Promise<Helper> {
  const child = spawn(prefix[0], [...prefix.slice(1), ...command],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const helper: Helper = {
    child,
    output: () => printed,
    stop: () => stopChild(child),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void helper.stop();
      reject(new Error(`${command.join(' ')} was not ready in ${READY_TIMEOUT_MS} ms: ` +
        printed));
    }, READY_TIMEOUT_MS);
    const listen = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (stream === from && printed.includes(readyWord)) {
        clearTimeout(timer);
        resolve(helper);
      }
    };
    child.stdout!.on('data', listen('stdout'));
    child.stderr!.on('data', listen('stderr'));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command.join(' ')} exited (${code ?? signal}) before it was ` +
        `ready: ${printed}`));
    });
  });
}

/** Builds the three namespaces and both veth pairs; on any failure removes what it made. */
export function createLossyLab(): LossyLab {
  const tag = randomBytes(4).toString('hex');
  const client = `tapline-lossy-c-${tag}`;
  const middle = `tapline-lossy-m-${tag}`;
  const server = `tapline-lossy-s-${tag}`;
  // Interface names are limited to 15 characters.
  const clientLink = `tlc${tag}`;
  const serverLink = `tls${tag}`;
  const middleLinks: [string, string] = [`tlmc${tag}`, `tlms${tag}`];
  const helpers = new Set<Helper>();

  const lab: LossyLab = {
    client, middle, server, clientLink, middleLinks,
    clientAddress4: '198.51.100.61',
    serverAddress4: '198.51.100.62',
    clientAddress6: '2001:db8:4c::61',
    serverAddress6: '2001:db8:4c::62',
    in: (namespace) => ['ip', 'netns', 'exec', namespace],
    async start(namespace, command, readyWord, from = 'stdout') {
      const helper = await startHelper(lab.in(namespace), command, readyWord, from);
      helpers.add(helper);
      return helper;
    },
    async destroy() {
      await Promise.all([...helpers].map((helper) => helper.stop()));
      helpers.clear();
      // Deleting a namespace deletes the veth ends inside it, and so their peers.
      for (const name of [client, middle, server]) deleteNamespace(name);
      labs.delete(lab);
    },
  };
  labs.add(lab);

  try {
    for (const name of [client, middle, server]) ip('netns', 'add', name);
    ip('link', 'add', clientLink, 'netns', client, 'address', '00:00:5e:00:53:61',
      'type', 'veth', 'peer', 'name', middleLinks[0], 'netns', middle);
    ip('link', 'add', serverLink, 'netns', server, 'address', '00:00:5e:00:53:62',
      'type', 'veth', 'peer', 'name', middleLinks[1], 'netns', middle);

    // The middle namespace only carries frames: no addresses, no IPv6 of its own.
    inNamespace(middle, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1');
    for (const link of middleLinks) {
      ip('-n', middle, 'link', 'set', link, 'promisc', 'on', 'up');
    }
    inNamespace(middle, 'python3', OFFLOADS_OFF, ...middleLinks);

    for (const [namespace, link, v4, v6] of [
      [client, clientLink, lab.clientAddress4, lab.clientAddress6],
      [server, serverLink, lab.serverAddress4, lab.serverAddress6]]) {
      ip('-n', namespace, 'addr', 'add', `${v4}/24`, 'dev', link);
      // nodad: the address is usable at once instead of after duplicate detection.
      ip('-n', namespace, '-6', 'addr', 'add', `${v6}/64`, 'dev', link, 'nodad');
      ip('-n', namespace, 'link', 'set', 'lo', 'up');
      inNamespace(namespace, 'python3', OFFLOADS_OFF, link);
      ip('-n', namespace, 'link', 'set', link, 'up');
    }
  } catch (error) {
    void lab.destroy();
    throw error;
  }
  return lab;
}
