// date-holidays' rule engine (date-holidays-parser) imports a calendar package for
// each kind of rule any country has: equinoxes and solstices, the Julian, Chinese,
// Korean, Vietnamese, Bengali and Persian calendars. Sweden's rules
// (shared/domain/holidays-se.ts) are fixed dates, weekdays and Easter only, so the
// Lambda bundles get these stand-ins instead (infra/bundling/aliases.ts; vitest
// resolves the same). A rule that needed one would fail loudly, never compute a
// wrong day; test/cdk/calendar-bundle.test.ts holds 1990–2100 to the real packages.

/** A function that throws whether it is called or constructed. */
export function leftOut(name) {
  return function leftOutOfBundle() {
    throw new Error(`${name} is left out of the Lambda bundles (infra/bundling/aliases.ts): Sweden's holiday rules need no such calendar. Take the alias out if a rule now does.`);
  };
}
