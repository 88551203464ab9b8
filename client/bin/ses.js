#!/usr/bin/env node
// `ses` (npx ses, npm run ses): the compiled CLI in dist/, built by `npm ci`
// (prepare) or `npm run build`. When dist/ is missing or older than the sources,
// it runs the TypeScript sources through tsx instead and rebuilds dist/ in the
// background (see build.js), so a skipped build costs start-up time, not a failure.
'use strict';
const { cliEntry } = require('./build');

const entry = cliEntry();
if (!entry.compiled) require('tsx/cjs');
void require(entry.file).run();
