import { spawn } from 'node:child_process';
import { accessSync, constants, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * How a conversion is confined. `bwrap`: bubblewrap gives LibreOffice no
 * network (its own network namespace, only an isolated loopback), a read-only
 * system, the job's input, output folder and profile and nothing else of the
 * machine. `off`: LibreOffice runs as a plain child process (only for
 * platforms that cannot run bubblewrap). Both clear the environment down to
 * PATH and HOME and limit the address space.
 */
export type SandboxMode = 'bwrap' | 'off';

export interface SandboxOptions {
  mode: SandboxMode;
  /** The `bwrap` program (Debian: /usr/bin/bwrap from bubblewrap). */
  bwrapPath?: string;
  /** The largest address space of each LibreOffice process, in MB (`prlimit --as`). */
  memoryLimitMb: number;
}

/** A job's paths: what the sandbox mounts, all at their own paths. */
export interface SandboxMounts {
  /** Read-only: the document to convert. */
  readOnly: string[];
  /** Writable: the output folder and the slot's profile. */
  writable: string[];
}

export interface SandboxedCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** PATH inside the sandbox: the read-only system's programs only. */
const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';
/** HOME inside the sandbox: a tmpfs that goes with it. */
const SANDBOX_HOME = '/tmp';

/**
 * The few files of /etc (and /var) LibreOffice, fontconfig and the dynamic
 * linker read; whichever of them exist are mounted read-only. No passwd
 * database, no hosts, no resolver, no certificates: there is no network.
 */
const SYSTEM_FILES = [
  '/etc/libreoffice',
  '/etc/fonts',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/localtime',
  // LibreOffice's registry and bundled extensions are symlinked from /usr/lib/libreoffice to here.
  '/var/lib/libreoffice',
  '/var/spool/libreoffice',
  // fontconfig's cache: without it every run scans the fonts again.
  '/var/cache/fontconfig',
];

/** The top-level folders of the system's programs and libraries (symlinks into /usr on a merged-/usr system). */
const SYSTEM_ROOTS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

export class SandboxUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}

/** The absolute path of `program` as the shell would find it on `searchPath`; undefined when it is nowhere. */
export function findProgram(program: string, searchPath: string | undefined): string | undefined {
  const candidates = program.includes('/')
    ? [path.resolve(program)]
    : (searchPath ?? '')
        .split(':')
        .filter(Boolean)
        .map((dir) => path.join(dir, program));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

/**
 * Builds the command line that runs one conversion, confined as the mode
 * says, and checks at start that this confinement works here.
 */
export class ConversionSandbox {
  private readonly bwrap: string;
  private readonly memoryBytes: number;

  constructor(private readonly options: SandboxOptions) {
    this.bwrap = options.bwrapPath ?? 'bwrap';
    this.memoryBytes = options.memoryLimitMb * 1024 * 1024;
  }

  get mode(): SandboxMode {
    return this.options.mode;
  }

  /**
   * The command that runs `program args` for one job. The environment is
   * PATH and HOME only, whatever the backend's own holds; `home` is the
   * unconfined run's HOME (the sandbox has its own, on a tmpfs).
   */
  command(program: string, args: string[], mounts: SandboxMounts, home: string): SandboxedCommand {
    const limit = '--as=' + String(this.memoryBytes);
    if (this.options.mode === 'off') {
      return {
        command: 'prlimit',
        args: [limit, '--', program, ...args],
        env: { PATH: process.env.PATH ?? SANDBOX_PATH, HOME: home },
      };
    }
    // Run by its real path (symlinks outside /usr do not exist in the sandbox); a LibreOffice installed
    // outside /usr (e.g. /opt/libreoffice…) is mounted read-only.
    const target = inSandbox(program);
    return {
      command: this.bwrap,
      args: [...this.bwrapArgs(target.installation, mounts), '--', 'prlimit', limit, '--', target.program, ...args],
      env: { PATH: SANDBOX_PATH, HOME: SANDBOX_HOME },
    };
  }

  /**
   * Runs a trivial program the way conversions run, so a platform that cannot
   * confine them is found at start rather than at the first upload.
   */
  async check(): Promise<void> {
    const { command, args, env } = this.command('true', [], { readOnly: [], writable: [] }, SANDBOX_HOME);
    const result = await new Promise<{ code: number | null; stderr: string; error?: Error }>((resolve) => {
      const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
      let stderr = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < 1000) stderr += chunk;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('error', (error) => {
        clearTimeout(timer);
        resolve({ code: null, stderr, error });
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stderr });
      });
    });
    if (result.code === 0) return;
    const reason = result.error?.message ?? (result.stderr.trim() || `exit code ${String(result.code)}`);
    const what =
      this.options.mode === 'bwrap'
        ? `bubblewrap (${this.bwrap}) cannot sandbox document conversions here: ${reason}. ` +
          'Install bubblewrap (Debian: apt-get install bubblewrap) and allow it to create namespaces, ' +
          'or set CONVERSION_SANDBOX=off to run LibreOffice without a sandbox (not recommended: ' +
          'a crafted document may then reach the network and read local files)'
        : `prlimit cannot limit document conversions here: ${reason}. Install util-linux`;
    throw new SandboxUnavailableError(what);
  }

  private bwrapArgs(installation: string | undefined, mounts: SandboxMounts): string[] {
    const args = [
      '--die-with-parent',
      '--unshare-net',
      '--unshare-pid',
      '--unshare-ipc',
      '--unshare-uts',
      '--unshare-cgroup-try',
      // Running as root, the sandbox would keep root's capabilities otherwise.
      ...(process.getuid?.() === 0 ? ['--cap-drop', 'ALL'] : []),
      '--ro-bind',
      '/usr',
      '/usr',
    ];
    for (const root of SYSTEM_ROOTS) args.push(...systemRoot(root));
    for (const file of SYSTEM_FILES) args.push('--ro-bind-try', file, file);
    args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
    // After the tmpfs, so that nothing below /tmp is hidden by it.
    if (installation) args.push('--ro-bind', installation, installation);
    for (const p of mounts.readOnly) args.push('--ro-bind', p, p);
    for (const p of mounts.writable) args.push('--bind', p, p);
    args.push(
      '--clearenv',
      '--setenv',
      'PATH',
      SANDBOX_PATH,
      '--setenv',
      'HOME',
      SANDBOX_HOME,
      '--chdir',
      SANDBOX_HOME,
    );
    return args;
  }
}

function systemRoot(root: string): string[] {
  try {
    const stat = lstatSync(root);
    if (stat.isSymbolicLink()) return ['--symlink', readlinkSync(root), root];
    if (stat.isDirectory()) return ['--ro-bind', root, root];
  } catch {
    // Not on this system.
  }
  return [];
}

const depth = (p: string): number => p.split('/').filter(Boolean).length;

/**
 * How the sandbox reaches `program`: its real path, and for a program not
 * under /usr the folder to mount with it — its installation (`…/program/soffice`
 * → `…`), never a top-level folder such as / or /opt as a whole.
 */
function inSandbox(program: string): { program: string; installation?: string } {
  if (!path.isAbsolute(program)) return { program };
  let real: string;
  try {
    real = realpathSync(program);
  } catch {
    return { program };
  }
  if (real.startsWith('/usr/')) return { program: real };
  let installation = path.dirname(path.dirname(real));
  if (depth(installation) < 2) installation = path.dirname(real);
  if (depth(installation) < 2) installation = real;
  return { program: real, installation };
}
