import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AGENCY_TIME_ZONES, DEFAULT_AGENCY_TIME_ZONE, agencyDateOf, agencyDayStart, timeZoneOf } from '../domain/agencyTimeZones';
import { addDays, addMonths, addYears, daysBetween, isTimeZone, localDateOf, startOfLocalDay } from '../domain/calendar';

const HOUR = 3_600_000;
const ZONES = [DEFAULT_AGENCY_TIME_ZONE, ...Object.values(AGENCY_TIME_ZONES)];
const hoursIn = (date: string, zone: string) => (Date.parse(startOfLocalDay(addDays(date, 1), zone)) - Date.parse(startOfLocalDay(date, zone))) / HOUR;
const msBefore = (instant: string, ms: number) => new Date(Date.parse(instant) - ms).toISOString();

// --- the zone table ---------------------------------------------------------------------------
const zones = suite('agency time zones');
zones("each agency counts in its zone; an agency not listed, or none, in Washington's", () => {
  assert.is(timeZoneOf('BPA'), 'America/Los_Angeles');
  assert.is(timeZoneOf('WAPA'), 'America/Denver');
  assert.is(timeZoneOf('SWPA'), 'America/Chicago');
  assert.is(timeZoneOf('DENALI'), 'America/Anchorage');
  assert.is(timeZoneOf('EWC'), 'Pacific/Honolulu');
  assert.is(timeZoneOf('DOE'), 'America/New_York');
  assert.is(timeZoneOf(null), 'America/New_York');
  assert.is(timeZoneOf(undefined), 'America/New_York');
  for (const zone of ZONES) assert.ok(isTimeZone(zone), zone);
  assert.not.ok(isTimeZone('America/Springfield'));
});
zones("an instant's date is the agency's: 8 pm in New York on 20 January is still the 20th there, the 21st in UTC", () => {
  const evening = '2026-01-21T01:00:00.000Z'; // 2026-01-20T20:00-05:00
  assert.is(agencyDateOf(evening, 'DOE'), '2026-01-20');
  assert.is(agencyDateOf(evening, 'BPA'), '2026-01-20');
  assert.is(agencyDateOf(evening, 'EWC'), '2026-01-20');
  assert.is(localDateOf(evening, 'UTC'), '2026-01-21');
  assert.is(agencyDateOf('2026-01-20', 'BPA'), '2026-01-20', 'a plain date is already an agency date');
});
zones("a day starts at the agency's midnight: 05:00Z in a New York winter, 04:00Z in its summer, 08:00Z in Portland's winter, 10:00Z in Honolulu", () => {
  assert.is(agencyDayStart('2026-01-21', 'DOE'), '2026-01-21T05:00:00.000Z');
  assert.is(agencyDayStart('2026-07-01', 'DOE'), '2026-07-01T04:00:00.000Z');
  assert.is(agencyDayStart('2026-01-21', 'BPA'), '2026-01-21T08:00:00.000Z');
  assert.is(agencyDayStart('2026-07-01', 'BPA'), '2026-07-01T07:00:00.000Z');
  assert.is(agencyDayStart('2026-01-21', 'EWC'), '2026-01-21T10:00:00.000Z');
  assert.is(agencyDayStart('2026-07-01', 'EWC'), '2026-07-01T10:00:00.000Z', 'Honolulu keeps no daylight time');
  assert.is(agencyDayStart('2026-01-21', 'DENALI'), '2026-01-21T09:00:00.000Z');
});
zones.run();

// --- daylight saving -------------------------------------------------------------------------
const dst = suite('daylight saving');
dst('the spring change day has 23 hours and the autumn one 25; the days around them 24; Honolulu always 24', () => {
  // 2026: daylight time from Sunday 8 March to Sunday 1 November in the United States.
  for (const zone of ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage']) {
    assert.is(hoursIn('2026-03-08', zone), 23, `${zone} spring`);
    assert.is(hoursIn('2026-11-01', zone), 25, `${zone} autumn`);
    assert.is(hoursIn('2026-03-07', zone), 24, zone);
    assert.is(hoursIn('2026-03-09', zone), 24, zone);
    assert.is(hoursIn('2026-10-31', zone), 24, zone);
    assert.is(hoursIn('2026-11-02', zone), 24, zone);
  }
  assert.is(hoursIn('2026-03-08', 'Pacific/Honolulu'), 24);
  assert.is(hoursIn('2026-11-01', 'Pacific/Honolulu'), 24);
});
dst('a timer for the change day still fires at its local midnight, which is before the change (at 2 am)', () => {
  assert.is(startOfLocalDay('2026-03-08', 'America/New_York'), '2026-03-08T05:00:00.000Z');
  assert.is(startOfLocalDay('2026-03-09', 'America/New_York'), '2026-03-09T04:00:00.000Z');
  assert.is(startOfLocalDay('2026-11-01', 'America/New_York'), '2026-11-01T04:00:00.000Z');
  assert.is(startOfLocalDay('2026-11-02', 'America/New_York'), '2026-11-02T05:00:00.000Z');
  // The hour that repeats on the autumn day (01:00-02:00) belongs to that day both times.
  assert.is(localDateOf('2026-11-01T05:30:00.000Z', 'America/New_York'), '2026-11-01');
  assert.is(localDateOf('2026-11-01T06:30:00.000Z', 'America/New_York'), '2026-11-01');
});
dst('where a zone skips midnight itself, the day starts at its first instant', () => {
  // Santiago moved its clocks from 00:00 to 01:00 on 2022-09-11: that day has no midnight.
  const start = startOfLocalDay('2022-09-11', 'America/Santiago');
  assert.is(localDateOf(start, 'America/Santiago'), '2022-09-11');
  assert.is(localDateOf(msBefore(start, 1), 'America/Santiago'), '2022-09-10');
});
dst.run();

// --- 29 February -----------------------------------------------------------------------------
const leap = suite('29 February');
leap('date arithmetic: a year after 29 February is 28 February; four years after, 29 February again', () => {
  assert.is(addYears('2028-02-29', 1), '2029-02-28');
  assert.is(addYears('2028-02-29', 4), '2032-02-29');
  assert.is(addMonths('2028-01-31', 1), '2028-02-29');
  assert.is(addDays('2028-02-28', 1), '2028-02-29');
  assert.is(addDays('2028-02-29', 1), '2028-03-01');
  assert.is(daysBetween('2028-02-28', '2028-03-01'), 2);
  assert.is(daysBetween('2027-02-28', '2027-03-01'), 1);
});
leap('29 February is a whole agency day in every zone', () => {
  for (const zone of ZONES) {
    assert.is(hoursIn('2028-02-29', zone), 24, zone);
    assert.is(localDateOf(startOfLocalDay('2028-02-29', zone), zone), '2028-02-29');
    assert.is(localDateOf(msBefore(startOfLocalDay('2028-03-01', zone), 1), zone), '2028-02-29');
  }
});
leap.run();

// --- properties ------------------------------------------------------------------------------
const props = suite('agency days: properties');
const instantArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const dateArb = fc.integer({ min: 0, max: 36_500 }).map((n) => addDays('2000-01-01', n));
const zoneArb = fc.constantFrom(...ZONES);

props('property: startOfLocalDay(d) is on d there, and the millisecond before it on the day before', () => {
  fc.assert(
    fc.property(dateArb, zoneArb, (date, zone) => {
      const start = startOfLocalDay(date, zone);
      assert.is(localDateOf(start, zone), date);
      assert.is(localDateOf(msBefore(start, 1), zone), addDays(date, -1));
    }),
    { numRuns: 2_000 },
  );
});
props("property: every instant lies in its local day: from that day's start, before the next day's", () => {
  fc.assert(
    fc.property(instantArb, zoneArb, (instant, zone) => {
      const date = localDateOf(instant, zone);
      assert.ok(startOfLocalDay(date, zone) <= instant, `${instant} before the start of ${date} in ${zone}`);
      assert.ok(instant < startOfLocalDay(addDays(date, 1), zone), `${instant} after the end of ${date} in ${zone}`);
    }),
    { numRuns: 2_000 },
  );
});
props('property: a local day lasts 23, 24 or 25 hours, and 24 in Honolulu', () => {
  fc.assert(
    fc.property(dateArb, zoneArb, (date, zone) => {
      const hours = hoursIn(date, zone);
      assert.ok([23, 24, 25].includes(hours), `${date} in ${zone}: ${hours} hours`);
      if (zone === 'Pacific/Honolulu') assert.is(hours, 24);
    }),
    { numRuns: 2_000 },
  );
});
props.run();
