// `tapline smtp FILE`: lists SMTP sessions, prints one dialogue, saves the messages.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { smtpCaptureSink } from '../../engine/smtp/analyze-capture';
import type { SmtpSession } from '../../engine/smtp/smtp-model';
import { sessionDialogue, sessionSummary } from '../../engine/smtp/smtp-session-text';
import { streamCapture } from '../capture-input';
import { CliError, errorLine } from '../cli-error';
import { BufferedOutput } from '../output';
import type { Command, CommandIo } from '../command';

const HELP = `usage: tapline smtp FILE [--session N] [--save-eml DIR] [--show-credentials]

Finds SMTP sessions by their dialogue (a 220 greeting, then EHLO or HELO) on any port,
rebuilds them from the TCP streams and lists them: conversation number (tshark's
tcp.stream), client, server, times, commands, envelope, messages, encryption.
Encrypted sessions (after STARTTLS, or on port 465) show byte counts only.

  --session N         print session N's dialogue in phases, with reply latencies
  --save-eml DIR      write every rebuilt message to DIR as session-N-message-M.eml
  --show-credentials  print AUTH passwords instead of masking them
`;

interface SmtpArgs {
  file: string;
  session?: number;
  saveDir?: string;
  reveal: boolean;
}

function parseArgs(args: readonly string[]): SmtpArgs {
  let file: string | undefined;
  const parsed: Omit<SmtpArgs, 'file'> = { reveal: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--session') {
      const value = args[++i];
      if (value === undefined || !/^[0-9]+$/.test(value)) {
        throw new CliError('CLI_USAGE', '--session needs a conversation number, e.g. 0');
      }
      parsed.session = Number(value);
    } else if (arg === '--save-eml') {
      const value = args[++i];
      if (!value) throw new CliError('CLI_USAGE', '--save-eml needs a directory');
      parsed.saveDir = value;
    } else if (arg === '--show-credentials') {
      parsed.reveal = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new CliError('CLI_USAGE', `unknown option ${arg}; see tapline smtp --help`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new CliError('CLI_USAGE', `one capture file at a time (got ${file} and ${arg})`);
    }
  }
  if (file === undefined) throw new CliError('CLI_USAGE', 'give a capture file: tapline smtp FILE');
  return { file, ...parsed };
}

async function saveMessages(sessions: SmtpSession[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const session of sessions) {
    for (const message of session.messages) {
      const path = join(dir, `session-${session.conversation}-message-${message.number}.eml`);
      await writeFile(path, message.bytes);
      const state = message.complete && message.missingBytes === 0 ? '' : ' (incomplete)';
      written.push(`${path}: ${message.bytes.length} bytes${state}`);
    }
  }
  return written;
}

async function run(args: readonly string[], io: CommandIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return 0;
  }
  try {
    const options = parseArgs(args);
    const analysis = smtpCaptureSink({ revealCredentials: options.reveal });
    await streamCapture(options.file, analysis.sink, io.stdin);
    const { sessions } = analysis.finish();

    const lines: string[] = [];
    if (options.session !== undefined) {
      const session = sessions.find((each) => each.conversation === options.session);
      if (!session) {
        const known = sessions.map((each) => each.conversation).join(', ') || 'none';
        throw new CliError('CLI_USAGE',
          `no SMTP session in conversation ${options.session}; SMTP sessions: ${known}`);
      }
      lines.push(...sessionDialogue(session));
    } else {
      if (sessions.length === 0) lines.push('no SMTP sessions found');
      for (const session of sessions) lines.push(...sessionSummary(session), '');
    }
    if (options.saveDir !== undefined) {
      lines.push(...await saveMessages(sessions, options.saveDir));
    }
    // Through BufferedOutput, so `tapline smtp F | head` ends quietly on the closed pipe.
    const output = new BufferedOutput(io.stdout);
    output.write(lines.join('\n') + '\n');
    await output.finish();
    return 0;
  } catch (error) {
    io.stderr.write(errorLine(error));
    return error instanceof CliError ? error.exitCode : 1;
  }
}

export const smtpCommand: Command = {
  name: 'smtp',
  summary: 'list SMTP sessions, print their dialogue, save their messages',
  help: HELP,
  run,
};
