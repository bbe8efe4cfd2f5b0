// The display-filter part of the contract: check an expression, apply it.

import { z } from 'zod';

const MAX_EXPRESSION_LENGTH = 4096;

/** An expression's verdict, with libpcap's wording and where in the text it went wrong. */
export type ExpressionCheck =
  | { ok: true }
  | { ok: false; message: string; position: number };

export const FilterRequestSchemas = {
  'filter.check': z.object({ expression: z.string().max(MAX_EXPRESSION_LENGTH) }).strict(),
  /** An empty expression shows every packet again. */
  'filter.apply': z.object({ expression: z.string().max(MAX_EXPRESSION_LENGTH) }).strict(),
} as const;

export interface FilterResults {
  'filter.check': ExpressionCheck;
}
