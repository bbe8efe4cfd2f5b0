// Entry of the web mode: `node out/main/serve.js [--host H] [--port N] [FILE]`.
// The same service as the desktop window, offered to a browser on loopback.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION } from './app-version';
import { configuredCaptureHelper } from './service/capture-helper-path';
import { createLogger } from './service/logger';
import { RecentFiles } from './service/recent-files';
import { TaplineService } from './service/tapline-service';
import { exposureWarning, parseServeArguments } from './web/serve-arguments';
import { startWebServer } from './web/web-server';

const log = createLogger('web');

async function main(): Promise<void> {
  const options = parseServeArguments(process.argv.slice(2));
  const here = dirname(fileURLToPath(import.meta.url));
  const service = new TaplineService({
    captureChildEntry: join(here, 'capture-child.js'),
    captureHelper: configuredCaptureHelper(),
    recent: new RecentFiles(),
  });
  const server = await startWebServer({
    service,
    rendererRoot: join(here, '../renderer'),
    host: options.host,
    port: options.port,
    version: APP_VERSION,
  });
  if (options.reason) log.info(options.reason);
  const warning = exposureWarning(options.host);
  if (warning) process.stderr.write(`${warning}\n`);
  // The token appears in this one line only.
  process.stdout.write(`Tapline is serving on ${server.url}\n`);

  if (options.file) {
    try {
      await service.openAndRemember(options.file);
    } catch (error) {
      log.error(error instanceof Error ? error.message : String(error));
    }
  }

  const stop = async () => {
    await server.close();
    await service.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  log.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
