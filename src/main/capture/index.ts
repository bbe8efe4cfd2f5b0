// The live-capture API of the main side: interfaces, filters, captures, the capture process.

export { CaptureError, type CaptureErrorCode } from './capture-error';
export { compileFilter, type CompiledFilter, type FilterTarget } from './filter';
export {
  describeFlags, formatInterfaceLine, listInterfaces,
  type CaptureDevice, type InterfaceFlags, type InterfaceLinkType, type ListOptions,
} from './interfaces';
export { linkTypeFromDlt } from './link-type';
export {
  LiveCapture, openLiveCapture,
  type BatchHandler, type CaptureEnd, type CaptureStats, type LiveCaptureOptions,
} from './live-capture';
export { batchBytes, packetAt, packetsOf, type LivePacket, type PacketBatch } from './packet-batch';
export {
  CaptureProcess, startCaptureProcess,
  type CaptureProcessOptions, type ProcessEnd, type RunningCapture,
} from './capture-process';
export { helperLinkType } from './helper-link-type';
export {
  CaptureHelperProcess, helperArguments, startCaptureHelper, type CaptureHelperOptions,
} from './helper-process';
