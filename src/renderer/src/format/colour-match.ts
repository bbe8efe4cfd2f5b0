// Compiles colouring rules once and finds the first that matches a row's Info.

import type { ColourRule } from '../store/colour-rules-store';

export interface CompiledRule {
  rule: ColourRule;
  test: RegExp;
}

/** Rules whose pattern does not compile are skipped; the editor says which. */
export function compileRules(rules: readonly ColourRule[]): CompiledRule[] {
  const compiled: CompiledRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled || rule.pattern === '') continue;
    const test = safeRegExp(rule.pattern);
    if (test) compiled.push({ rule, test });
  }
  return compiled;
}

export function safeRegExp(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/** Rows keep their colour while the rules stay the same: scrolling back costs no regex. */
const matched = new WeakMap<object, { rules: readonly CompiledRule[];
  rule: ColourRule | undefined }>();

export function matchRule(rules: readonly CompiledRule[], row: { info: string }):
  ColourRule | undefined {
  const held = matched.get(row);
  if (held?.rules === rules) return held.rule;
  const rule = rules.find((r) => r.test.test(row.info))?.rule;
  matched.set(row, { rules, rule });
  return rule;
}
