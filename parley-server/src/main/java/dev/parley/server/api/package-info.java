/**
 * The read API's HTTP handlers: request parameters checked and turned into analytics
 * questions, answers shaped as JSON. Authentication is applied by the app around them.
 */
package dev.parley.server.api;
