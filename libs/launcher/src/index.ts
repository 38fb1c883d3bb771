export * from './find-binary.js';
export * from './free-port.js';
export * from './postgres-server.js';
export * from './redis-server.js';
export * from './spawn-server.js';
