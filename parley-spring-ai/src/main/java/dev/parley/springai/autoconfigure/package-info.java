/** Spring Boot auto-configuration for {@link dev.parley.springai.ParleyAdvisor}, driven by {@code parley.*}. */
package dev.parley.springai.autoconfigure;
