// The version shown in the UI and logs; injected at build time from package.json.

declare const __TAPLINE_VERSION__: string | undefined;

export const APP_VERSION = typeof __TAPLINE_VERSION__ === 'string' ? __TAPLINE_VERSION__ : 'dev';
