package dev.parley.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.spec.testing.Conformance;
import dev.parley.spec.testing.Conformance.Expected;
import dev.parley.spec.testing.Conformance.ValidCase;
import dev.parley.spec.testing.Conformance.ViolationCase;
import dev.parley.spec.testing.SharedVectors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator against the project's conformance vectors, and against the shared ones
 * beside the project when they are there (skipped, with a message, when they are not).
 */
class ValidatorConformanceTest {
  private final Validator validator = Validator.standard();

  static List<ValidCase> validCases() {
    return Conformance.valid();
  }

  static List<ViolationCase> violationCases() {
    return Conformance.violations();
  }

  static List<ValidCase> sharedValidCases() {
    return Conformance.sharedOrSkip().valid();
  }

  static List<ViolationCase> sharedViolationCases() {
    return Conformance.sharedOrSkip().violations();
  }

  @Test
  void theProjectCarriesItsOwnVectors() {
    assertThat(validCases()).hasSizeGreaterThanOrEqualTo(50);
    assertThat(violationCases()).hasSizeGreaterThanOrEqualTo(100);
    assertThat(Conformance.wire()).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void validMessagesHaveNoViolation(ValidCase c) {
    assertClean(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violationCases")
  void brokenMessagesHaveExactlyTheExpectedViolations(ViolationCase c) {
    assertExactly(c);
  }

  @SharedVectors
  @ParameterizedTest(name = "shared: {0}")
  @MethodSource("sharedValidCases")
  void sharedValidMessagesHaveNoViolation(ValidCase c) {
    assertClean(c);
  }

  @SharedVectors
  @ParameterizedTest(name = "shared: {0}")
  @MethodSource("sharedViolationCases")
  void sharedBrokenMessagesHaveExactlyTheExpectedViolations(ViolationCase c) {
    assertExactly(c);
  }

  private void assertClean(ValidCase c) {
    assertThat(validator.validate(c.message())).isEmpty();
  }

  private void assertExactly(ViolationCase c) {
    List<Violation> violations = validator.validate(c.message());
    assertThat(violations)
        .extracting(v -> new Expected(v.code().wireName(), v.path()))
        .containsExactlyInAnyOrderElementsOf(c.expect());
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
  }
}
