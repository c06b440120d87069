#!/usr/bin/env node
// The `verdicts` command: runs the compiled CLI (built by `npm install` / `npm run build`).
require('../dist/main.js');
