#!/usr/bin/env node
// Entry point of `npm start` and `npx bbb-chatops`: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../adapters/cli.ts');
