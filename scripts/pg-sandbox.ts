import { startPgCluster } from './pg-cluster';

// npm run pg:sandbox: a throw-away PostgreSQL (scripts/pg-cluster.ts) with an empty database
// `recovery_desk`, for trying db:copy or the pg modules by hand. Prints the URL; Ctrl-C (or SIGTERM)
// stops the server and deletes its directory.
const cluster = await startPgCluster();
const url = await cluster.createDatabase('recovery_desk');
process.stdout.write(`${url}\n`);
setInterval(() => undefined, 1 << 30);
