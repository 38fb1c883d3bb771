import { loadSettings, SettingsError } from './settings.js';

describe('loadSettings', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const s = loadSettings({});
    expect(s.PORT).toBe(3000);
    expect(s.embeddedDatabase).toBe(true);
    expect(s.REDIS_URL).toBeUndefined();
    expect(s.dataDir.endsWith('.data')).toBe(true);
  });

  it('switches to the PostgreSQL server when DATABASE_URL is set', () => {
    const s = loadSettings({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/pm', PORT: '8080' });
    expect(s.embeddedDatabase).toBe(false);
    expect(s.PORT).toBe(8080);
  });

  it.each([
    ['PORT', 'abc', 'must be a number'],
    ['PORT', '70000', 'must be 1–65535'],
    ['DATABASE_URL', 'mysql://x', 'postgres://'],
    ['REDIS_URL', 'localhost:6379', 'redis://'],
    ['DEMO_DATA', 'maybe', 'true or false'],
    ['LOG_FORMAT', 'xml', 'json or pretty'],
  ])('rejects %s=%s naming the variable', (variable, value, hint) => {
    let error: unknown;
    try {
      loadSettings({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as Error).message).toContain(variable);
    expect((error as Error).message).toContain(hint);
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses, and refuses anything else', () => {
    expect(loadSettings({}).TRUST_PROXY).toBeUndefined();
    expect(loadSettings({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadSettings({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => loadSettings({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadSettings({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadSettings({ PORT: '-1', REDIS_URL: 'nope' })).toThrow(/PORT[\s\S]*REDIS_URL|REDIS_URL[\s\S]*PORT/);
  });
});
