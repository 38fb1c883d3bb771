import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * A check the worker runs every `everyMs` while it is up. A run's report (if any) is logged; a failed run is
 * logged as a warning and the next one tries again. The timer never keeps the process alive.
 */
export abstract class IntervalWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;

  protected constructor(name: string, private readonly everyMs: number) {
    this.log = new Logger(name);
  }

  /** One run; the line it returns, if any, goes to the log. */
  protected abstract run(): Promise<string | undefined>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.run().then(
        (report) => report && this.log.log(report),
        (e: Error) => this.log.warn(e.message),
      );
    }, this.everyMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
