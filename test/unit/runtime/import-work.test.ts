// What a cold start pays before the first invocation: these modules are in every
// function bundle (or the api's), and their costly parts wait for first use.
// Counted, not timed: the formatters constructed and the schemas registered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';

const ids = () => z.globalRegistry._idmap;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('work left to first use', () => {
  it('Stockholm dates: no Intl formatter is made at import, each one once on first use', async () => {
    vi.resetModules();
    const Real = Intl.DateTimeFormat;
    // Counts and passes on: the formatters are the real ones.
    const made = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (...args: ConstructorParameters<typeof Real>) {
      return new Real(...args);
    });
    const { stockholmDate, endOfDay } = await import('../../../shared/domain/stockholm');
    expect(made).not.toHaveBeenCalled();
    expect(stockholmDate(new Date('2025-02-19T23:30:00Z'))).toBe('2025-02-20');
    expect(endOfDay('2025-07-01').toISOString()).toBe('2025-07-01T21:59:59.999Z');
    expect(made).toHaveBeenCalledTimes(2);
    stockholmDate(new Date());
    endOfDay('2025-01-01');
    expect(made).toHaveBeenCalledTimes(2);
  });

  it('API schemas: none is built at import; the first parse builds it, and the OpenAPI paths wait for the document', async () => {
    vi.resetModules();
    const before = { directory: ids().get('BodyDirectory'), protocol: ids().get('Protocol') };
    const { bodyDirectory } = await import('../../../shared/api/schemas');
    const { openApiDocument } = await import('../../../shared/api/openapi');
    // A fresh module that built its schemas would have registered new ones under these ids.
    expect(ids().get('BodyDirectory')).toBe(before.directory);
    expect(ids().get('Protocol')).toBe(before.protocol);
    expect(bodyDirectory.safeParse({ slug: 'x' }).success).toBe(false);
    expect(ids().get('BodyDirectory')).toBeDefined();
    expect(ids().get('BodyDirectory')).not.toBe(before.directory);
    expect(ids().get('Protocol')).toBe(before.protocol);
    expect(openApiDocument('http://127.0.0.1:3000').components?.schemas).toHaveProperty('Protocol');
    expect(ids().get('Protocol')).not.toBe(before.protocol);
  });
});
