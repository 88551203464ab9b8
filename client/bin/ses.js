#!/usr/bin/env node
// `ses` (npx ses, npm run ses): the compiled CLI in dist/, built by `npm ci`
// (prepare) or `npm run build`. When dist/ is missing or older than the sources,
// it runs the TypeScript sources through tsx instead and rebuilds dist/ in the
// background (see build.js), so a skipped build costs start-up time, not a failure.
'use strict';
// Node 22.1+ keeps V8's compiled code of the modules between runs (keyed by their content, in
// NODE_COMPILE_CACHE or the temp folder): a command's start-up halves (1.1 s -> 0.6 s measured on
// Node 24). Node 20 lacks it and starts as before.
require('node:module').enableCompileCache?.();
const { cliEntry } = require('./build');

const entry = cliEntry();
if (!entry.compiled) require('tsx/cjs');
void require(entry.file).run();
