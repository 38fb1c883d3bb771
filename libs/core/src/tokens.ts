export const SETTINGS = Symbol('SETTINGS');
export const DATABASE = Symbol('DATABASE');
export const PRODUCER = Symbol('PRODUCER');
