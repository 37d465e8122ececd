import 'reflect-metadata';
import { exitOnFailure, run } from './run';

// The worker process: queue consumer, outbox relay and dispatch sweeper, no HTTP.
run('worker').catch(exitOnFailure);
