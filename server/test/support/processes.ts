import fs from 'node:fs';

/** The process listening on a local TCP port (Linux: /proc/net/tcp and the processes' sockets). */
export function pidListeningOn(port: number): number {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN.
      if (f[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`) && f[3] === '0A') inodes.add(f[9]!);
    }
  }
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode !== undefined && inodes.has(inode)) return Number(pid);
      } catch {
        // gone meanwhile
      }
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

/** Resident memory of a process in bytes. */
export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** A running process: its id, command line (arguments joined by spaces) and environment. */
export interface ProcessInfo {
  pid: number;
  cmdline: string;
  environ: Map<string, string>;
}

/** The processes (other than this one) whose command line mentions `needle`, with their environments. */
export async function processesMentioning(needle: string): Promise<ProcessInfo[]> {
  const found: ProcessInfo[] = [];
  for (const pid of await fs.promises.readdir('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const cmdline = await fs.promises.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.includes(needle)) continue;
    const raw = await fs.promises.readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
    const environ = new Map<string, string>();
    for (const entry of raw.split('\0').filter(Boolean)) {
      const at = entry.indexOf('=');
      environ.set(at < 0 ? entry : entry.slice(0, at), at < 0 ? '' : entry.slice(at + 1));
    }
    found.push({ pid: Number(pid), cmdline: cmdline.replaceAll('\0', ' ').trim(), environ });
  }
  return found;
}
