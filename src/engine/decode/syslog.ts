// Syslog over UDP (RFC 3164, RFC 5424) on port 514: facility and severity from <PRI>.

import { hexPrint } from './default-print';
import type { DecodeContext } from './decode-context';
import { escapedText } from './text';

export const SYSLOG_PORT = 514;
const MAX_DIGITS = 3;

const FACILITIES = [
  'kernel', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron',
  'authpriv', 'ftp', 'ntp', 'security', 'console', 'cron', 'local0', 'local1', 'local2',
  'local3', 'local4', 'local5', 'local6', 'local7',
];
const SEVERITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info',
  'debug'];

export function printSyslog(ctx: DecodeContext, at: number, length: number): void {
  const r = ctx.r;
  ctx.protocol = 'syslog';
  if (r.u8(at) !== 0x3c) {
    ctx.out += ' (invalid)';
    return;
  }
  let offset = 1;
  let priority = 0;
  while (offset <= MAX_DIGITS) {
    const c = r.u8(at + offset);
    if (c < 0x30 || c > 0x39) break;
    priority = priority * 10 + (c - 0x30);
    offset++;
  }
  if (r.u8(at + offset) !== 0x3e) {
    ctx.out += ' (invalid)';
    return;
  }
  offset++;
  const facility = (priority & 0x3f8) >> 3;
  const severity = priority & 0x7;
  const facilityName = FACILITIES[facility] ?? `unknown (${facility})`;
  const severityName = SEVERITIES[severity];
  if (!ctx.verbose) {
    ctx.out += `SYSLOG ${facilityName}.${severityName}, length: ${length}`;
    return;
  }
  ctx.out += `SYSLOG, length: ${length}\n\tFacility ${facilityName} (${facility}), ` +
    `Severity ${severityName} (${severity})\n\tMsg: ` +
    escapedText(r, at + offset, length - offset);
  if (ctx.verbose > 1) hexPrint(ctx, '\n\t', at, length);
}
