import 'reflect-metadata';
import { ConfigError, loadConfig } from './platform/config/config';
import { createApp } from './platform/app/create-app';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
