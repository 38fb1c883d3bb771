import { execFileSync, spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { findBinary } from './find-binary.js';

export interface ServerUser {
  uid: number;
  gid: number;
}

/** The uid/gid of a system user (e.g. `postgres`). */
export function systemUser(name: string): ServerUser {
  const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Spawns a server process that dies with the process that started it, even when that one is killed
 * with SIGKILL: util-linux's setpriv sets the kernel's parent-death signal and then execs the server, so
 * the child's pid is the server's own (a signal to it reaches the server, unlike through runuser, which
 * ignores SIGINT). The user switch is done by spawn itself, before setpriv runs, because the kernel clears
 * the parent-death signal on a change of credentials. Without setpriv the server is spawned plainly.
 * `ownProcessGroup`: a terminal's Ctrl-C (sent to the whole foreground group) reaches only the process that started
 * the server, which then stops it after closing its own connections; it still dies with that process.
 */
export function spawnServer(
  cmd: string,
  args: string[],
  opts: { dieSignal: NodeJS.Signals; user?: ServerUser; detached?: boolean; ownProcessGroup?: boolean; cwd?: string; env?: NodeJS.ProcessEnv; stdio?: StdioOptions },
): ChildProcess {
  const setpriv = opts.detached ? undefined : findBinary('setpriv', ['/usr/bin', '/bin']);
  const [c, a] = setpriv ? [setpriv, [`--pdeathsig=${opts.dieSignal}`, '--', cmd, ...args]] : [cmd, args];
  return spawn(c, a, { cwd: opts.cwd, env: opts.env, stdio: opts.stdio ?? 'ignore', detached: (opts.detached || opts.ownProcessGroup) ?? false, ...(opts.user ?? {}) });
}
