// AUTH secrets masked until revealed (against tshark), and MIME parts (against Python's email).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaplineService } from '../../src/main/service/tapline-service';
import { CRAFTED_MESSAGE, craftedSmtpCapture } from './smtp-crafted-capture';
import { tshark } from './smtp-tshark';

/** Python's own MIME parser: leaf parts numbered as IMAP does, sizes of the raw bodies. */
const PYTHON_MIME = `
import email, json, sys
from email import policy
message = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
parts = []
def walk(part, path):
    if part.is_multipart():
        for index, child in enumerate(part.iter_parts(), 1):
            walk(child, f"{path}.{index}" if path else str(index))
        return
    body = part.get_payload(decode=False).encode("utf-8", "surrogateescape")
    entry = {"path": path or "1", "contentType": part.get_content_type(), "size": len(body)}
    if part.get_filename() is not None:
        entry["filename"] = part.get_filename()
    parts.append(entry)
walk(message, "")
print(json.dumps({"from": str(message["From"]), "to": str(message["To"]),
                  "subject": str(message["Subject"]), "parts": parts}))
`;

const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.warn('[tests] skipping the MIME oracle: python3 is not installed');

describe('AUTH and MIME in a crafted session', () => {
  let folder: string;
  let file: string;
  let service: TaplineService;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'tapline-smtp-crafted-'));
    file = join(folder, 'auth-mime.pcap');
    writeFileSync(file, craftedSmtpCapture());
    service = new TaplineService();
    const { loaded } = await service.openPath(file);
    await loaded;
  });

  afterAll(async () => {
    await service?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** tshark decodes AUTH PLAIN when asked to (smtp.decryption). */
  function tsharkCredentials(): { username: string; password: string } {
    const fields = tshark(['-r', file, '-o', 'smtp.decryption:TRUE', '-Y', 'smtp.auth.password',
      '-T', 'fields', '-e', 'smtp.auth.username', '-e', 'smtp.auth.password']).trim();
    const [username, password] = fields.split('\t');
    return { username, password };
  }

  it('masks the password everywhere until asked, then shows what tshark decodes', async () => {
    const { username, password } = tsharkCredentials();
    expect(password.length).toBeGreaterThan(0);
    const parameter = tshark(['-r', file, '-Y', 'smtp.req.command == "AUTH"', '-T', 'fields',
      '-e', 'smtp.req.parameter']);
    const encoded = /^PLAIN (\S+)$/m.exec(parameter)?.[1] ?? '(AUTH PLAIN not found)';

    const masked = await service.smtp.session(0);
    const maskedStream = await service.smtp.stream(0);
    for (const shown of [JSON.stringify(masked), JSON.stringify(maskedStream)]) {
      expect(shown).not.toContain(password);
      expect(shown).not.toContain(encoded);
    }
    expect(masked.auth).toMatchObject({ mechanism: 'PLAIN', username, succeeded: true });
    expect(masked.auth?.password).toBeUndefined();
    const authPhase = masked.phases.find((phase) => phase.kind === 'auth');
    expect(authPhase?.steps[0]).toMatchObject({ masked: true, code: 235 });

    const revealed = await service.smtp.session(0, true);
    expect(revealed.auth).toMatchObject({ username, password });
    expect(revealed.phases.find((phase) => phase.kind === 'auth')?.steps[0].masked)
      .toBeUndefined();
    const revealedStream = await service.smtp.stream(0, true);
    expect(revealedStream.chunks.map((chunk) => chunk.text).join('')).toContain(encoded);
  });

  it.runIf(hasPython)('reads From, To, Subject and the MIME parts as Python does', async () => {
    const python = spawnSync('python3', ['-c', PYTHON_MIME], { input: CRAFTED_MESSAGE,
      encoding: 'utf8' });
    expect(python.status, python.stderr).toBe(0);
    const theirs = JSON.parse(python.stdout);

    const [message] = (await service.smtp.session(0)).messages;
    expect({ from: message.from, to: message.to, subject: message.subject,
      parts: message.parts }).toEqual(theirs);
    expect(message.size).toBe(Buffer.byteLength(CRAFTED_MESSAGE));
  });
});
