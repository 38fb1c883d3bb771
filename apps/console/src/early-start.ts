// index.html's first script: kept apart from early.ts so that importing takeEarly starts nothing twice.
import { startEarly } from './early';

startEarly();
