import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { UsageError } from './usage-error.js';

export const SERVE_USAGE = `disrupt serve
  Starts the service. Settings from the environment: PORT (8080), HOST (127.0.0.1), DATA_DIR
  (./data: the SQLite database and the server keys), TRUST_PROXY, RETENTION_DAYS (0: keep cases
  until withdrawn), LOG_LEVEL, METRICS_TOKEN.
`;

export async function runServeCommand(argv: string[]): Promise<number> {
  if (argv.length > 0) throw new UsageError(`serve takes no arguments (settings come from the environment), got "${argv[0]}"`);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const app = await startServer(config);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(`disrupt-hash listening on http://${config.host}:${port} (data in ${config.dataDir})`);
  return new Promise<number>(() => {}); // runs until a signal stops it
}
