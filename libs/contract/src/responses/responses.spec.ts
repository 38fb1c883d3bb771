import { RESPONSES, routeOf } from './index.js';

describe('routeOf', () => {
  const paths = { '/api/imports/{id}': { get: {} }, '/api/imports/template.csv': { get: {} }, '/api/imports/{id}/cancel': { post: {} }, '/api/leads': { get: {}, post: {} } };

  it('finds the template of a concrete call; a literal segment wins over a parameter, as in the router', () => {
    expect(routeOf(paths, 'get', '/api/imports/b-1?x=1')).toBe('GET /api/imports/{id}');
    expect(routeOf(paths, 'GET', '/api/imports/template.csv')).toBe('GET /api/imports/template.csv');
    expect(routeOf(paths, 'POST', '/api/imports/b-1/cancel')).toBe('POST /api/imports/{id}/cancel');
    expect(routeOf(paths, 'POST', '/api/leads')).toBe('POST /api/leads');
  });

  it('finds nothing for a method the path does not have or a path the document does not have', () => {
    expect(routeOf(paths, 'DELETE', '/api/imports/b-1')).toBeUndefined();
    expect(routeOf(paths, 'GET', '/api/imports/b-1/cancel')).toBeUndefined();
  });

  it('keys the registry as the document writes routes', () => {
    for (const key of Object.keys(RESPONSES)) expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api(\/[\w.-]+|\/\{\w+\})+$/);
  });
});
