// Test helper: the SMTP sessions our engine rebuilds from a shared capture.

import { smtpCaptureSink, type SmtpCaptureResult } from '../../../src/engine/smtp/analyze-capture';
import { readCapture } from '../conversation/shared-captures';

/** Undefined when our capture parser cannot read the file's format yet. */
export function smtpOf(name: string): SmtpCaptureResult | undefined {
  const analysis = smtpCaptureSink();
  if (!readCapture(name, (record) => analysis.sink.packet(record))) return undefined;
  return analysis.finish();
}
