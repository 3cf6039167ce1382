import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './paths.mjs';

/** Runs one TypeScript bench program (a path below the repository) with `env`; resolves its exit code or signal. */
export function runBench(program, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@arbeitsbereich/source', '--import', 'tsx', path.join(root, program)],
      {
        cwd: root,
        env,
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? signal));
  });
}

/** The machine a benchmark ran on, in one line. */
export function machineLine() {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const mem = Math.round(os.totalmem() / 2 ** 30);
  return `${os.cpus().length} × ${cpu}, ${mem} GiB RAM, ${os.type()} ${os.release()}, Node ${process.versions.node}`;
}

/**
 * Replaces (or appends) one benchmark's section in docs/benchmarks.md, leaving
 * the other benchmarks' sections as they are.
 */
export function writeSection(id, markdown) {
  const file = path.join(root, 'docs/benchmarks.md');
  const header =
    '# Benchmarks\n\nEach section is rewritten by its `npm run bench:*` command. Ratios compare against a baseline measured in the same run, because these machines are noisy.\n';
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : header;
  const begin = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  text = pattern.test(text) ? text.replace(pattern, block) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
}

export function rssKiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = status.match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) : NaN;
}

/** Resident memory of a whole process group (a launcher script and the JVM it starts). */
export function groupRssKiB(pgid) {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) total += rssKiB(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}
