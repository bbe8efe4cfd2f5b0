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

export function matchRule(rules: readonly CompiledRule[], info: string): ColourRule | undefined {
  return rules.find((r) => r.test.test(info))?.rule;
}
