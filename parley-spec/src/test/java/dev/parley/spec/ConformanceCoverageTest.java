package dev.parley.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.spec.testing.Conformance;
import dev.parley.spec.testing.Conformance.Expected;
import dev.parley.spec.testing.Conformance.ValidCase;
import dev.parley.spec.testing.Conformance.ViolationCase;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The project's own conformance vectors cover every violation code, spec event and required property. */
class ConformanceCoverageTest {
  private final List<ValidCase> valid = Conformance.valid();
  private final List<ViolationCase> violations = Conformance.violations();

  @Test
  void everyViolationCodeIsExpectedByAtLeastTwoCases() {
    for (ViolationCode code : ViolationCode.values()) {
      long cases = violations.stream()
          .filter(c -> c.expect().stream().anyMatch(e -> e.code().equals(code.wireName())))
          .count();
      assertThat(cases).as(code.wireName()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void everyExpectedCodeIsAViolationCode() {
    assertThat(violations).flatExtracting(ViolationCase::expect).extracting(Expected::code)
        .allSatisfy(code -> assertThat(ViolationCode.fromWireName(code)).as(code).isPresent());
  }

  @Test
  void everyRequiredPropertyOfEverySpecEventIsMissingNullAndOfTheWrongTypeInSomeCase() {
    for (SpecEvent event : SpecEvent.values()) {
      for (PropertySpec property : event.properties()) {
        if (!property.required()) {
          continue;
        }
        String path = "properties." + property.name();
        String what = event.eventName() + " " + path;
        assertThat(casesOf(event, "missing_required", path, p -> p == null || !p.has(property.name())))
            .as(what + " absent").isPositive();
        assertThat(casesOf(event, "missing_required", path, p -> p != null && p.path(property.name()).isNull()))
            .as(what + " null").isPositive();
        assertThat(casesOf(event, "wrong_type", path, p -> true)).as(what + " of the wrong type").isPositive();
        if (property.type() == JsonType.STRING) {
          assertThat(casesOf(event, "invalid_value", path, p -> true)).as(what + " blank").isPositive();
        }
      }
    }
  }

  @Test
  void everySpecEventAndEveryMessageTypeHasAValidCase() {
    for (SpecEvent event : SpecEvent.values()) {
      assertThat(valid).as(event.eventName())
          .anyMatch(c -> event.eventName().equals(c.message().path(WireFields.EVENT).asText(null)));
    }
    for (MessageType type : MessageType.values()) {
      assertThat(valid).as(type.wireName()).anyMatch(c -> MessageType.of(c.message()).orElse(null) == type);
    }
  }

  @Test
  void everySpecEventHasItsPrintedExampleAmongTheValidCases() {
    for (SpecEvent event : SpecEvent.values()) {
      assertThat(valid).as(event.eventName()).anyMatch(c -> c.specExample()
          && event.eventName().equals(c.message().path(WireFields.EVENT).asText(null)));
    }
  }

  @Test
  void caseNamesAreUniqueInEachFile() {
    assertThat(valid).extracting(ValidCase::name).doesNotHaveDuplicates();
    assertThat(violations).extracting(ViolationCase::name).doesNotHaveDuplicates();
    assertThat(Conformance.wire()).extracting(Conformance.WireCase::name).doesNotHaveDuplicates();
  }

  /** Cases of this event expecting this violation whose properties satisfy {@code shape}. */
  private long casesOf(SpecEvent event, String code, String path, Function<JsonNode, Boolean> shape) {
    Expected expected = new Expected(code, path);
    return violations.stream()
        .filter(c -> event.eventName().equals(c.message().path(WireFields.EVENT).asText(null)))
        .filter(c -> c.expect().contains(expected))
        .filter(c -> shape.apply(c.message().get(WireFields.PROPERTIES)))
        .count();
  }
}
