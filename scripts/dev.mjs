#!/usr/bin/env node
// `npm run dev`: the API with reload (tsx watch) and the console with hot reload (vite, proxying /api),
// together; Ctrl-C or either one exiting stops both.
import { spawn } from 'node:child_process';
import process from 'node:process';

const children = [
  ['api', 'npx', ['tsx', 'watch', 'server/src/main.ts']],
  ['client', 'npx', ['vite']],
].map(([name, command, args]) => {
  const child = spawn(command, args, { stdio: 'inherit', detached: true });
  child.on('exit', (code, signal) => {
    console.log(`[dev] ${name} stopped (${signal ?? code}); stopping the rest`);
    stopAll(code ?? 1);
  });
  return child;
});

let stopping = false;
function stopAll(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    // Each child leads its own process group (detached): signal the group so tsx's and vite's own children stop too.
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
  setTimeout(() => process.exit(exitCode), 500).unref();
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
console.log(
  '[dev] API on http://localhost:3000 (tsx watch), console on http://localhost:5173 (vite) — Ctrl-C stops both',
);
