// Types of native/build.mjs for the TypeScript tests that build the addon or helper before use.
export function ensureAddonBuilt(options?: { force?: boolean }): string;
export function ensureHelperBuilt(options?: { force?: boolean }): string;
