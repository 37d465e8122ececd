import 'reflect-metadata';
import { exitOnFailure, run } from './run';

// The API process (and, with ROLE=all — the embedded default — the worker too).
run().catch(exitOnFailure);
