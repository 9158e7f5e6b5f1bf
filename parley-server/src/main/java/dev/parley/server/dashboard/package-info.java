/**
 * The web dashboard: static pages served from the classpath, the login that turns the admin
 * token into a session cookie, and the security headers every page carries.
 */
package dev.parley.server.dashboard;
