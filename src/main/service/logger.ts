// One logger for the main side: a `[component]` prefix, levels, nothing per packet.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function threshold(): number {
  const wanted = (process.env.TAPLINE_LOG_LEVEL ?? 'info') as LogLevel;
  return ORDER[wanted] ?? ORDER.info;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(component: string): Logger {
  const write = (level: LogLevel, message: string) => {
    if (ORDER[level] < threshold()) return;
    const line = `[${component}] ${message}\n`;
    if (level === 'error' || level === 'warn') process.stderr.write(line);
    else process.stdout.write(line);
  };
  return {
    debug: (message) => write('debug', message),
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
  };
}
