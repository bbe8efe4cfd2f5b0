// Chooses the application printer for a TCP payload by port, as tcpdump does.

import type { DecodeContext } from './decode-context';
import { printDns, DNS_PORT } from './dns';
import { FTP_PORT, printFtp, printRtsp, RTSP_PORTS } from './ftp';
import { HTTP_PORTS, printHttp } from './http';
import { printSmtp, SMTP_PORT } from './smtp';
import { printSshVersion, SSH_PORT } from './ssh';

/**
 * Only FTP, SSH's version line, SMTP, DNS, HTTP and RTSP are decoded. tcpdump knows dozens of other
 * ports; for them we print nothing after `length N`, as tcpdump does for ports it does not
 * know.
 */
export function printTcpPayload(
  ctx: DecodeContext, sourcePort: number, destinationPort: number, at: number, length: number,
): void {
  const either = (port: number): boolean => sourcePort === port || destinationPort === port;
  if (either(FTP_PORT)) {
    ctx.out += ': ';
    printFtp(ctx, at, length);
  } else if (either(SMTP_PORT)) {
    ctx.out += ': ';
    printSmtp(ctx, at, length);
  } else if (either(SSH_PORT)) {
    printSshVersion(ctx, at, length);
  } else if (either(DNS_PORT)) {
    printDns(ctx, at, length, true);
  } else if (HTTP_PORTS.has(sourcePort) || HTTP_PORTS.has(destinationPort)) {
    ctx.out += ': ';
    printHttp(ctx, at, length);
  } else if (RTSP_PORTS.has(sourcePort) || RTSP_PORTS.has(destinationPort)) {
    ctx.out += ': ';
    printRtsp(ctx, at, length);
  }
}
