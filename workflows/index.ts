// Everything the worker bundles: one export per process workflow.
export { qrbCase } from './qrbCase';
export { probationaryPeriod } from './probationaryPeriod';
export { onboardingProgram } from './onboardingProgram';
export { rotationAssignment } from './rotationAssignment';
