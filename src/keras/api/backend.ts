/** `keras.backend`: `clearSession` (resets layer-name counters and seeds) and the naming helper. */
export { clearSession, toSnakeCase, uniqueName } from '../backend.js';
