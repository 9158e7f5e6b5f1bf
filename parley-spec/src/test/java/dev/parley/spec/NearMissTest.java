package dev.parley.spec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

class NearMissTest {

  /** A textbook Damerau-Levenshtein (optimal string alignment) distance, as the oracle. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) d[i][0] = i;
    for (int j = 0; j <= b.length(); j++) d[0][j] = j;
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  @Property(tries = 3000)
  void withinOneEditAgreesWithTheFullDistance(
      @ForAll @AlphaChars @StringLength(max = 6) String a, @ForAll("nearby") String b) {
    assertThat(NearMiss.withinOneEdit(a, b)).isEqualTo(distance(a, b) <= 1);
  }

  @Property(tries = 2000)
  void oneRandomEditIsAlwaysWithinOneEdit(@ForAll("edited") String[] pair) {
    assertThat(NearMiss.withinOneEdit(pair[0], pair[1])).isTrue();
    assertThat(NearMiss.withinOneEdit(pair[1], pair[0])).isTrue();
  }

  @Provide
  Arbitrary<String> nearby() {
    return Arbitraries.strings().withChars("abAB").ofMaxLength(6);
  }

  @Provide
  Arbitrary<String[]> edited() {
    Arbitrary<String> base = Arbitraries.strings().withChars("abcde").ofMinLength(1).ofMaxLength(12);
    return Combinators.combine(base, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 11),
        Arbitraries.chars().with("abcdez")).as((s, kind, at, c) -> {
          int i = at % s.length();
          String edited = switch (kind) {
            case 0 -> s.substring(0, i) + c + s.substring(i);
            case 1 -> s.substring(0, i) + s.substring(i + 1);
            case 2 -> s.substring(0, i) + c + s.substring(i + 1);
            default -> i + 1 < s.length()
                ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2)
                : s;
          };
          return new String[] {s, edited};
        });
  }

  @Property
  void everySpecEventNameSurvivesSmallDamage(@ForAll("specEvents") SpecEvent event,
      @ForAll("damage") int position) {
    String name = event.eventName();
    int i = position % name.length();
    String dropped = name.substring(0, i) + name.substring(i + 1);
    if (!dropped.equals(name) && SpecEvent.byName(dropped).isEmpty()) {
      assertThat(SpecEvent.nearMiss(dropped)).contains(event);
    }
  }

  @Provide
  Arbitrary<SpecEvent> specEvents() {
    return Arbitraries.of(SpecEvent.class);
  }

  @Provide
  Arbitrary<Integer> damage() {
    return Arbitraries.integers().between(0, 40);
  }

  @Property
  void normalFormIgnoresCaseSpacesUnderscoresAndHyphens(@ForAll @AlphaChars @StringLength(min = 1, max = 10) String s) {
    assertThat(NearMiss.normalise(s.toUpperCase() + "_ -")).isEqualTo(s.toLowerCase());
  }

  @Example
  void misnamedFollowsTheRuleOfMisnamedProperty() {
    assertThat(NearMiss.isMisnamed("messageBody", "message_body")).isTrue();
    assertThat(NearMiss.isMisnamed("message_bdy", "message_body")).isTrue();
    assertThat(NearMiss.isMisnamed("MESSAGE-BODY", "message_body")).isTrue();
    assertThat(NearMiss.isMisnamed("message_body", "message_body")).as("the name itself").isFalse();
    assertThat(NearMiss.isMisnamed("message_body_length", "message_body")).isFalse();
    assertThat(NearMiss.isMisnamed("rol", "role")).as("one edit from a short name").isFalse();
    assertThat(NearMiss.isMisnamed("Role", "role")).isTrue();
  }
}
