import { z } from 'zod';

/** An agency code such as "DOE" or "HHS": ids only, never names of people (ARCHITECTURE rule 8). */
export const AgencyCodeSchema = z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'must be an agency code of 2-10 capital letters or digits, e.g. "DOE"');
export type AgencyCode = z.infer<typeof AgencyCodeSchema>;

/** Ids of personnel actions become workflow ids and stream names, so they carry no personal data. */
export const CaseIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, 'must be 3-64 letters, digits or "-", e.g. "QRB-2026-0001"');
