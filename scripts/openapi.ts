// Writes docs/openapi.json from the schemas (a test checks it is current).
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../shared/api/openapi';

writeFileSync(new URL('../docs/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument('http://127.0.0.1:3000'), null, 2)}\n`);
console.log('docs/openapi.json written');
