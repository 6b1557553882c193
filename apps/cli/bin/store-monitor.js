#!/usr/bin/env node
// The installed entry point: it exists before the build, so npm can link it at install time.
require('../dist/main.js');
