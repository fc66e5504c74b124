#!/usr/bin/env node
// The `lingxi` command. The server runs its TypeScript through tsx (no separate build step to forget).
import { register } from 'tsx/esm/api';

register();
await import('../server/src/main.ts');
