/** The machinery behind {@link dev.parley.springai.ParleyAdvisor}. Not a public API. */
package dev.parley.springai.internal;
