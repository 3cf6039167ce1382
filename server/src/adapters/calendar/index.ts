export { IcalCalendarFiles } from './icalCalendarFiles.js';
