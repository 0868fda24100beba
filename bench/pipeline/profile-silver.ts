/**
 * Where a build's Silver stage spends its time (not a test): the build's own Silver statements
 * on N generated events (cached, data.ts), each timed, then the slowest under EXPLAIN ANALYZE
 * (profileSilver in packages/pipeline/src/build/scan.ts).
 * Usage: `node --conditions=source --import tsx bench/pipeline/profile-silver.ts 10000000`
 */
import { profileSilver } from '../../packages/pipeline/src/build/scan.js';
import { cachedEvents } from './data.js';

const { events } = await cachedEvents(Number(process.argv[2] ?? 10_000_000));
await profileSilver(events, (line) => console.log(line));
