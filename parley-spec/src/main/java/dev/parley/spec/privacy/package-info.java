/**
 * Content modes for conversation text: keep it, mask the personal data in it, replace it
 * with a keyed hash, or drop it. One implementation, shared by the SDK (so text can stay
 * inside the application) and the collector (so it never reaches the store).
 */
package dev.parley.spec.privacy;
