// Types of native/build.mjs for the TypeScript tests that build the addon before use.
export function ensureAddonBuilt(options?: { force?: boolean }): string;
