import { ERROR_CODES, isErrorCode } from './codes.js';
import { DomainError } from './domain-error.js';

describe('error codes (libs/errors)', () => {
  const entries = Object.entries(ERROR_CODES);

  it('each code is a stable SCREAMING_SNAKE name, unique also without regard to case and underscores', () => {
    for (const [code] of entries) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    const squashed = entries.map(([code]) => code.replace(/_/g, '').toLowerCase());
    expect(new Set(squashed).size).toBe(entries.length);
  });

  it('each code has a Chinese message and an error status', () => {
    for (const [code, { status, message }] of entries) {
      expect({ code, chinese: /\p{Script=Han}/u.test(message) }).toEqual({ code, chinese: true });
      expect(status >= 400 && status <= 599).toBe(true);
    }
  });

  it('no two codes share a meaning (the same message)', () => {
    const messages = entries.map(([, d]) => d.message);
    expect(messages.filter((m, i) => messages.indexOf(m) !== i)).toEqual([]);
  });

  it('a DomainError takes its status from its code and its default message from the table', () => {
    const e = new DomainError('STALE_REVISION');
    expect([e.status, e.message, e.code]).toEqual([409, ERROR_CODES.STALE_REVISION.message, 'STALE_REVISION']);
    expect(new DomainError('LEAD_NOT_FOUND', '线索 L-1 不存在').status).toBe(404);
    expect(isErrorCode('STALE_REVISION')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});
