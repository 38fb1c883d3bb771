/**
 * Runs a command's `main` and exits with its code. An expected failure (one of `known`: bad settings, a locked
 * folder…) prints its Chinese message and exits 2; anything else prints the stack and exits 1.
 */
export function runCommand(main: () => Promise<number>, o: { what: string; known: (abstract new (...args: never[]) => Error)[] }): void {
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      const known = o.known.some((k) => e instanceof k);
      process.stderr.write(known ? `${o.what}未完成：${e.message}\n` : `${o.what}失败：${e.stack ?? e.message}\n`);
      process.exit(known ? 2 : 1);
    },
  );
}
