#!/usr/bin/env node
// Runs the compiled platform (npm install builds it through the prepare script).
const { runPlatform } = require('../dist/apps/platform/src/run-platform.js');

void runPlatform(process.argv.slice(2));
