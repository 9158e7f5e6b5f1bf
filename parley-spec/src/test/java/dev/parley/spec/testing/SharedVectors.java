package dev.parley.spec.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Marks a test that runs the shared conformance vectors: it runs when they are beside the
 * project and is reported skipped, with {@link Conformance#SHARED_MISSING}, when they are not.
 *
 * <p>A condition rather than an assumption alone: an assumption that fails in a parameterised
 * test's argument source aborts the whole template, which Maven's test report leaves out.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIf(value = "dev.parley.spec.testing.Conformance#sharedPresent", disabledReason = Conformance.SHARED_MISSING)
public @interface SharedVectors {}
