// Every message rebuilt from every shared capture is byte-identical to the one sent.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  captureNames, capturesDir, sharedAvailable, tsharkFields,
} from '../conversation/shared-captures';
import { smtpOf } from './smtp-capture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The messages a capture's DATA phases carried: NAME.messages/*.eml as listed in SHA256SUMS,
 * except the inputs given to sendmail (`*.lf.eml`, LF endings, not wire bytes).
 */
function sentMessages(name: string): Map<string, Buffer> {
  const dir = path.join(capturesDir, name.replace(/\.pcap(ng)?$/, '.messages'));
  const sums = new Map<string, string>();
  for (const line of readFileSync(path.join(dir, 'SHA256SUMS'), 'utf8').split('\n')) {
    const match = /^([0-9a-f]{64}) +\*?(.+)$/.exec(line);
    if (match) sums.set(match[2], match[1]);
  }
  const sent = new Map<string, Buffer>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.eml') || file.endsWith('.lf.eml')) continue;
    const bytes = readFileSync(path.join(dir, file));
    expect(sha256(bytes), `${file} against SHA256SUMS`).toBe(sums.get(file));
    sent.set(file, bytes);
  }
  return sent;
}

describe.skipIf(!sharedAvailable)('rebuilt messages equal the sent ones', () => {
  for (const name of captureNames()) {
    it(`${name}: every message, byte for byte`, (context) => {
      const result = smtpOf(name);
      if (!result) return context.skip(`${name}: our capture parser cannot read it yet`);
      const sent = sentMessages(name);
      expect(sent.size).toBeGreaterThan(0);
      const rebuilt = result.sessions.flatMap((session) => session.messages);
      const encrypted = result.sessions.filter((session) => session.encryption);

      if (encrypted.length > 0 && rebuilt.length === 0) {
        // The message travelled inside TLS: no cleartext to rebuild, only its byte count.
        // Known gap: decrypting with a key log is not implemented.
        console.log(`${name}: ${sent.size} message(s) inside TLS, not rebuilt`);
        expect(encrypted[0].encryption!.clientBytes).toBeGreaterThan(
          Math.max(...[...sent.values()].map((bytes) => bytes.length)));
        return;
      }
      const rebuiltHashes = rebuilt.map((message) => sha256(message.bytes)).sort();
      const sentHashes = [...sent.values()].map(sha256).sort();
      expect(rebuiltHashes).toEqual(sentHashes);
      for (const message of rebuilt) {
        expect(message.complete).toBe(true);
        expect(message.missingBytes).toBe(0);
        expect(message.accepted).toBe(true);
      }
    });

    it(`${name}: one SMTP session per conversation tshark's dissector calls SMTP`,
      (context) => {
        const result = smtpOf(name);
        if (!result) return context.skip(`${name}: our capture parser cannot read it yet`);
        const streams = new Set(tsharkFields(name, ['tcp.stream'], 'smtp')
          .map((row) => Number(row['tcp.stream'])));
        expect(result.sessions.map((session) => session.conversation))
          .toEqual([...streams].sort((a, b) => a - b));
      });
  }

  it('the shared captures folder holds captures', () => {
    expect(existsSync(capturesDir)).toBe(true);
    expect(captureNames().length).toBeGreaterThan(3);
  });
});
