import type { Migration } from 'kysely';
import * as m0001 from './0001-catalog.js';
import * as m0002 from './0002-pipeline.js';
import * as m0003 from './0003-sharing.js';
import * as m0004 from './0004-auth.js';
import * as m0005 from './0005-offer-clocks.js';
import * as m0006 from './0006-webhooks.js';
import * as m0007 from './0007-idempotency-hash.js';
import * as m0008 from './0008-paused-from.js';
import * as m0009 from './0009-import-progress.js';
import * as m0010 from './0010-duplicates.js';
import * as m0011 from './0011-deidentified-text.js';
import * as m0012 from './0012-follow-ups.js';
import * as m0013 from './0013-listings.js';
import * as m0014 from './0014-outbox-claim.js';
import * as m0015 from './0015-prospects.js';
import * as m0016 from './0016-import-error-source.js';
import * as m0017 from './0017-lead-attachments.js';
import * as m0018 from './0018-distribution-job-name.js';
import * as m0019 from './0019-description-bands.js';
import * as m0020 from './0020-park-firms.js';
import * as m0021 from './0021-description-bands-no-pending.js';
import * as m0022 from './0022-description-bands-64x6.js';

/** Ordered, append-only. A migration once on main is never edited: add a new one. */
export const migrations: Record<string, Migration> = {
  '0001-catalog': m0001,
  '0002-pipeline': m0002,
  '0003-sharing': m0003,
  '0004-auth': m0004,
  '0005-offer-clocks': m0005,
  '0006-webhooks': m0006,
  '0007-idempotency-hash': m0007,
  '0008-paused-from': m0008,
  '0009-import-progress': m0009,
  '0010-duplicates': m0010,
  '0011-deidentified-text': m0011,
  '0012-follow-ups': m0012,
  '0013-listings': m0013,
  '0014-outbox-claim': m0014,
  '0015-prospects': m0015,
  '0016-import-error-source': m0016,
  '0017-lead-attachments': m0017,
  '0018-distribution-job-name': m0018,
  '0019-description-bands': m0019,
  '0020-park-firms': m0020,
  '0021-description-bands-no-pending': m0021,
  '0022-description-bands-64x6': m0022,
};
