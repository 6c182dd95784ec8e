/** Insights: the Pareto, trend, aging, time-in-state and coverage figures of `kedb stats`, the Insights view and the report. */
export * from './model';
export * from './compute';
export * from './render';
