import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_outbox.js';
import * as m0002 from './0002_tenants_people_audit.js';
import * as m0003 from './0003_sessions.js';
import * as m0004 from './0004_rooms.js';
import * as m0005 from './0005_meetings.js';
import * as m0006 from './0006_outbox_coalesce.js';
import * as m0007 from './0007_library.js';
import * as m0008 from './0008_collab.js';
import * as m0009 from './0009_people_platform_admin.js';
import * as m0010 from './0010_seen_logout_tokens.js';
import * as m0012 from './0012_second_factor.js';
import * as m0013 from './0013_session_chat_devices.js';
import * as m0015 from './0015_people_invitation.js';
import * as m0016 from './0016_meeting_provider.js';
import * as m0018 from './0018_guest_terms.js';
import * as m0019 from './0019_meeting_admissions.js';
import * as m0020 from './0020_scheduled_meetings.js';
import * as m0021 from './0021_export_and_erasure.js';
import * as m0022 from './0022_malware_scan.js';

/** All migrations, in order. Names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001_outbox': m0001,
  '0002_tenants_people_audit': m0002,
  '0003_sessions': m0003,
  '0004_rooms': m0004,
  '0005_meetings': m0005,
  '0006_outbox_coalesce': m0006,
  '0007_library': m0007,
  '0008_collab': m0008,
  '0009_people_platform_admin': m0009,
  '0010_seen_logout_tokens': m0010,
  '0012_second_factor': m0012,
  '0013_session_chat_devices': m0013,
  '0015_people_invitation': m0015,
  '0016_meeting_provider': m0016,
  '0018_guest_terms': m0018,
  '0019_meeting_admissions': m0019,
  '0020_scheduled_meetings': m0020,
  '0021_export_and_erasure': m0021,
  '0022_malware_scan': m0022,
};
