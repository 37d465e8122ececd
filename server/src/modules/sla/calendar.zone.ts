/** The zone arithmetic lives in lib/zone (dispatch's duty uses it too); re-exported for the calendar's files. */
export * from '../../lib/zone';
