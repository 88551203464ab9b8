import { z } from 'zod';

/**
 * Imported first by workflows/index.ts, before any module builds a schema: zod then parses objects
 * without compiling a parser for each object schema on its first parse. Each workflow builds its
 * schemas afresh (domain/processCatalog.ts says why) and parses a handful of inputs with them, so the
 * compiled parsers never paid for their compilation. Parsing accepts and refuses exactly the same.
 */
z.config({ jitless: true });
