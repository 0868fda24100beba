// The lazily loaded elements, one chunk for the three: with a chunk each, Rolldown (1.2) moved Lit
// and parts of core out of goldboard.js into common chunks the bundle then imported at startup
// (a separate chunk per element stops being merged back once several lazy chunks share them).
import '../date-range/goldboard-date-range.js';
import '../filter/goldboard-filter.js';
import '../insight/goldboard-insight.js';
