// FTP control connections (RFC 959) on port 21 and RTSP (RFC 2326) on 554: first lines.

import type { DecodeContext } from './decode-context';
import { printTextProtocol, type TextProtocol } from './txtproto';

export const FTP_PORT = 21;
export const RTSP_PORTS: ReadonlySet<number> = new Set([554, 8554]);

const FTP: TextProtocol = { name: 'FTP' };

const RTSP: TextProtocol = {
  name: 'RTSP',
  commands: new Set([
    'DESCRIBE', 'ANNOUNCE', 'GET_PARAMETER', 'OPTIONS', 'PAUSE', 'PLAY', 'RECORD',
    'REDIRECT', 'SETUP', 'SET_PARAMETER', 'TEARDOWN',
  ]),
  codeIsSecondToken: true,
};

export function printFtp(ctx: DecodeContext, at: number, length: number): void {
  printTextProtocol(ctx, FTP, at, length);
}

export function printRtsp(ctx: DecodeContext, at: number, length: number): void {
  printTextProtocol(ctx, RTSP, at, length);
}
