// The `tapline smtp` subcommand on a real capture: listing, phased dialogue, saved messages.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { smtpCommand } from '../../../src/cli/commands/smtp';
import { capturePath, capturesDir, sharedAvailable } from '../conversation/shared-captures';

async function runSmtp(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => { out += chunk; });
  stderr.on('data', (chunk) => { err += chunk; });
  const code = await smtpCommand.run(args, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

describe.skipIf(!sharedAvailable)('tapline smtp', () => {
  const lossy = capturePath('09-lossy-dev.pcap');

  it('lists the session with its envelope and messages', async () => {
    const { code, out } = await runSmtp([lossy]);
    expect(code).toBe(0);
    expect(out).toContain('session 0: 198.51.100.110:57253 -> 198.51.100.112:25');
    expect(out).toContain('<nobody@example.net> (refused 550)');
    expect(out).toContain('message 1: 206476 bytes by DATA, accepted');
    expect(out).toContain('message 2: 524 bytes by DATA, accepted');
    expect(out).toContain('encrypted: no');
  });

  it('prints the dialogue in phases, in order', async () => {
    const { code, out } = await runSmtp([lossy, '--session', '0']);
    expect(code).toBe(0);
    const phases = [...out.matchAll(/^== (.*) ==$/gm)].map((match) => match[1]);
    expect(phases).toEqual(['TCP handshake', 'greeting', 'EHLO', 'transaction 1',
      'message 1', 'RSET', 'transaction 2', 'message 2', 'QUIT', 'teardown']);
  });

  it('saves every message byte for byte', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tapline-smtp-'));
    try {
      const { code } = await runSmtp([lossy, '--save-eml', dir]);
      expect(code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(
        ['session-0-message-1.eml', 'session-0-message-2.eml']);
      const sent = path.join(capturesDir, '09-lossy-dev.messages');
      for (const n of [1, 2]) {
        const saved = readFileSync(path.join(dir, `session-0-message-${n}.eml`));
        expect(saved.equals(readFileSync(path.join(sent, `msg${n}.eml`)))).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which sessions exist when asked for another one', async () => {
    const { code, err } = await runSmtp([lossy, '--session', '5']);
    expect(code).toBe(2);
    expect(err).toContain('no SMTP session in conversation 5; SMTP sessions: 0');
  });

  it('reports a missing file with its code', async () => {
    const { code, err } = await runSmtp([path.join(capturesDir, 'no-such.pcap')]);
    expect(code).toBe(1);
    expect(err).toContain('[CLI_FILE_NOT_FOUND]');
  });
});
