// Regenerates schemas/*.json from the kinds' schema sources (run after `npm run build`).
import { writeSchemas } from '../dist/language/write-schemas.js';

for (const f of writeSchemas()) console.log(`schemas/${f}`);
