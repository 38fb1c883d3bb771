import { assertHandlersComplete, MissingJobHandlerError } from './job-handler.js';
import { JOB_BY_NAME, jobIdFor } from './queue-catalog.js';

describe('job catalogue', () => {
  const all = [...JOB_BY_NAME.keys()];

  it('accepts exactly one handler per job', () => {
    expect(() => assertHandlersComplete(all)).not.toThrow();
  });

  it('refuses to start when a job has no handler, naming it', () => {
    expect(() => assertHandlersComplete(all.filter((n) => n !== 'distribute-lead'))).toThrow(MissingJobHandlerError);
    expect(() => assertHandlersComplete(all.filter((n) => n !== 'distribute-lead'))).toThrow(/"distribute-lead" has no handler/);
  });

  it('refuses two handlers for one job and handlers for unknown jobs', () => {
    expect(() => assertHandlersComplete([...all, 'notify'])).toThrow(/"notify" has 2 handlers/);
    expect(() => assertHandlersComplete([...all, 'score-leed'])).toThrow(/unknown job "score-leed"/);
  });

  it('derives job ids from business keys and validates the payload', () => {
    expect(jobIdFor('score-lead', { leadId: 'abc', scoringRound: 2 })).toBe('score.abc.2');
    // BullMQ rejects custom ids containing ':'; every rule must avoid it.
    const samples: Record<string, unknown> = {
      'score-lead': { leadId: 'a', scoringRound: 0 },
      'distribute-lead': { leadId: 'a', rankingId: 'b' },
      notify: { notificationId: 'n' },
      'rescore-open-leads': { runId: 'r' },
      'score-prospects': { batchId: 'b', chunk: 0 },
    };
    for (const name of all) expect(jobIdFor(name, samples[name])).not.toContain(':');
    expect(() => jobIdFor('score-lead', { leadId: 'abc' })).toThrow();
    expect(() => jobIdFor('nope', {})).toThrow(/unknown job/);
  });
});
