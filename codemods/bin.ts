#!/usr/bin/env node
/** The `async-db` executable: runs the command and exits with its code (cli.ts). */
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
