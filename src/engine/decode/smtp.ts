// SMTP (RFC 5321) on port 25: the first line of each segment, as tcpdump prints it.

import type { DecodeContext } from './decode-context';
import { printTextProtocol, type TextProtocol } from './txtproto';

export const SMTP_PORT = 25;

const SMTP: TextProtocol = { name: 'SMTP' };

export function printSmtp(ctx: DecodeContext, at: number, length: number): void {
  printTextProtocol(ctx, SMTP, at, length);
}
