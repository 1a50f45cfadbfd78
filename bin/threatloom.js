#!/usr/bin/env node
// Runs the compiled platform (npm install builds it through the prepare script).
// A larger young generation: ingestion allocates many short-lived objects per batch, and fewer
// scavenges cut GC time by about a tenth for a few MB of memory.
require('node:v8').setFlagsFromString('--max-semi-space-size=32');
const { runPlatform } = require('../dist/apps/platform/src/run-platform.js');

void runPlatform(process.argv.slice(2));
