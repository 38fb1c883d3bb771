import { assertHandlersComplete, MissingJobHandlerError } from './job-handler.js';
import { JOB_BY_NAME, jobIdFor } from './queue-catalog.js';

describe('job catalogue', () => {
  const all = [...JOB_BY_NAME.keys()];

  it('accepts exactly one handler per job', () => {
    expect(() => assertHandlersComplete(all)).not.toThrow();
  });

  it('refuses to start when a job has no handler, naming it', () => {
    expect(() => assertHandlersComplete(all.filter((n) => n !== 'share-lead'))).toThrow(MissingJobHandlerError);
    expect(() => assertHandlersComplete(all.filter((n) => n !== 'share-lead'))).toThrow(/"share-lead" has no handler/);
  });

  it('refuses two handlers for one job and handlers for unknown jobs', () => {
    expect(() => assertHandlersComplete([...all, 'notify'])).toThrow(/"notify" has 2 handlers/);
    expect(() => assertHandlersComplete([...all, 'score-leed'])).toThrow(/unknown job "score-leed"/);
  });

  it('derives job ids from business keys and validates the payload', () => {
    expect(jobIdFor('score-lead', { leadId: 'abc', scoringRound: 2 })).toBe('score:abc:2');
    expect(() => jobIdFor('score-lead', { leadId: 'abc' })).toThrow();
    expect(() => jobIdFor('nope', {})).toThrow(/unknown job/);
  });
});
