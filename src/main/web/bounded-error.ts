// Keeps an error that crosses to the renderer short: a schema message can quote its input.

import { toErrorShape } from '../service/dispatcher';

/** Longest message sent back; a key of 20 kB named in "unrecognized key" stops here. */
export const MAX_ERROR_MESSAGE_LENGTH = 300;

export function boundedErrorShape(error: unknown): { code: string; message: string } {
  const shape = toErrorShape(error);
  if (shape.message.length <= MAX_ERROR_MESSAGE_LENGTH) return shape;
  return { code: shape.code, message: `${shape.message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…` };
}
