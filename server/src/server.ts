/** Listens, and closes cleanly on SIGINT/SIGTERM (in-flight requests finish, the database closes). */
import { buildApp } from './app.js';
import { loadConfig, type Config } from './config.js';

export async function startServer(config: Config = loadConfig()) {
  const app = await buildApp({ config });
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  return app;
}
