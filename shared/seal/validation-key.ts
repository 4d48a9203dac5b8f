// Where a record's validation result is kept: beside it, under signed/ (so the
// same Object Lock and the same read access apply). Its own small module, so
// the api function that serves it does not pull in the sealing code.

/** signed/<body>/<date>-<id>.pdf → signed/<body>/<date>-<id>.validation.json. */
export function validationKeyOf(signedKey: string): string {
  return signedKey.replace(/\.pdf$/, '') + '.validation.json';
}
