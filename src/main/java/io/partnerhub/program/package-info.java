/**
 * Partner programs as versioned data. The definition files under {@code programs/} hold the
 * numbers (rates, caps, windows, exclusions, calendars); the sealed rule kinds here give them
 * meaning. A broken file stops the start with the file, the path inside it and what is wrong.
 */
package io.partnerhub.program;
