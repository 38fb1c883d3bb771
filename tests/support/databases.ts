export * from '../../libs/persistence/src/testing/databases.js';
