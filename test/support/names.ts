/**
 * Names no earlier run or test used: written rows stay in the databases between test files (and runs on
 * PostgreSQL), so a test recognizes its own by these.
 */
import { randomUUID } from 'node:crypto';

/** Unique per test file and run (jest gives every test file its own module registry). */
export const RUN = randomUUID().slice(0, 8);

let serial = 0;

/** A number not handed out before in this test file. */
export const nextSerial = () => ++serial;

/** A text no earlier run or test used. */
export const fresh = (label: string) => `${label} ${RUN}-${nextSerial()}`;
