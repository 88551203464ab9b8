#!/usr/bin/env node
// `npx ses …`: runs the TypeScript CLI through tsx, no build step.
require('tsx/cjs');
require('../cli/main.ts');
