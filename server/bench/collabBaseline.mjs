// The baseline of `npm run bench:docs`: the same Hocuspocus server package as the product's
// collaboration server, bare — its own HTTP and WebSocket server, no extensions, no
// authentication, no storage. The launcher starts it as a process of its own, so its CPU and
// memory are read the same way as the backend's. Plain JavaScript, so it runs without a
// TypeScript loader, as the product's compiled backend does. Usage: node collabBaseline.mjs <port>
import process from 'node:process';
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write('usage: node collabBaseline.mjs <port>\n');
  process.exit(2);
}
const server = new Server({ port, address: '127.0.0.1', quiet: true });
await server.listen();
process.stdout.write(`bare Hocuspocus server on 127.0.0.1:${port}\n`);
