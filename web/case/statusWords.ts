/** Each status of each process as a sentence a person reads on the case page (the code stays in the data). */
const STATUS_WORDS: Record<string, Record<string, string>> = {
  qrb: {
    NOT_SUBMITTED: 'The case has not been submitted yet.',
    SUBMITTED_TO_OPM: 'The case is with OPM, waiting for a Qualifications Review Board to be convened.',
    BOARD_CONVENED: 'A Qualifications Review Board is reviewing the case: each member rates every Executive Core Qualification.',
    ON_HOLD: 'The case is on hold during an agency-head transition; OPM releases or returns it.',
    APPROVED: "The board certified the candidate's executive qualifications; the HR specialist records the appointment.",
    DISAPPROVED: 'The board did not certify the qualifications. The agency may resubmit with revised evidence while the window is open.',
    APPOINTED: 'The appointment is recorded; the probationary period and onboarding have started.',
    WITHDRAWN: 'The agency withdrew the case.',
    RETURNED_UNDER_HOLD: 'OPM returned the case to the agency after the agency-head transition.',
    CLOSED: 'The case is closed without an appointment.',
  },
  probation: {
    NOT_STARTED: 'The probationary period has not started.',
    ON_PROBATION: 'The executive is serving the probationary period; the supervisor assesses and the appointing authority certifies before it ends.',
    CERTIFIED: 'The appointing authority certified the probationary period; it completes when the end date has passed.',
    CERTIFICATION_OVERDUE: 'The end date passed without a certification: the certification is overdue.',
    REMOVAL_PROPOSED: 'A removal during probation is proposed and takes effect on its effective date unless withdrawn.',
    COMPLETED: 'The probationary period is complete.',
    REMOVED: 'The executive was removed during probation.',
  },
  onboarding: {
    NOT_STARTED: 'The onboarding program has not started.',
    IN_PROGRESS: 'The onboarding program is under way: each milestone is confirmed by its owner by its due date.',
    COMPLETED: 'The onboarding program is complete.',
    ENDED: 'The onboarding program ended early (transfer or separation).',
  },
  rotation: {
    NOT_OPENED: 'The rotation case has not been opened.',
    COHORT_CALLED: 'The cohort is called: waiting for the participant’s statement of interest.',
    INTEREST_SUBMITTED: 'The participant applied: waiting for the home agency’s nomination.',
    NOMINATED: 'The participant is nominated: waiting for a host assignment.',
    MATCHED: 'A host assignment is matched: waiting for the home and host agencies to sign the agreement.',
    AGREEMENT_SIGNED: 'The agreement is in force: waiting for an agency official to set the start date.',
    ROTATION_ACTIVE: 'The rotation is under way at the host agency.',
    PERIOD_ENDED: 'The rotation period has ended: waiting for the host supervisor’s completion evaluation.',
    EVALUATED: 'The rotation is evaluated: waiting for the home agency to confirm the return.',
    RETURNED_HOME: 'The participant is back in their home position; the rotation is complete.',
    TERMINATED_EARLY: 'The rotation was ended early.',
    WITHDRAWN: 'The participant withdrew before the rotation started.',
  },
};

export const statusWords = (process: string, status: string): string => STATUS_WORDS[process]?.[status] ?? `Status: ${status}.`;
