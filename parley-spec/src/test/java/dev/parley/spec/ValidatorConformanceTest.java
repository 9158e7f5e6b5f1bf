package dev.parley.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.spec.testing.Conformance;
import dev.parley.spec.testing.Conformance.Expected;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorConformanceTest {
  private final Validator validator = Validator.standard();

  static List<Conformance.ValidCase> validCases() {
    return Conformance.valid();
  }

  static List<Conformance.ViolationCase> violationCases() {
    return Conformance.violations();
  }

  @Test
  void theVectorsAreThere() {
    assertThat(validCases()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(violationCases()).hasSizeGreaterThanOrEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCases")
  void validMessagesHaveNoViolation(Conformance.ValidCase c) {
    assertThat(validator.validate(c.message())).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violationCases")
  void brokenMessagesHaveExactlyTheExpectedViolations(Conformance.ViolationCase c) {
    List<Violation> violations = validator.validate(c.message());
    assertThat(violations)
        .extracting(v -> new Expected(v.code().wireName(), v.path()))
        .containsExactlyInAnyOrderElementsOf(c.expect());
    assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
  }
}
