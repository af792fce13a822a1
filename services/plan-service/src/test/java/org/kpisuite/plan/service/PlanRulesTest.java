package org.kpisuite.plan.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kpisuite.plan.config.PlanConfig;
import org.kpisuite.problem.Problem.Violation;
import org.kpisuite.problem.ProblemException;

/** The rules across a plan's fields, and the agency a suite may list ({@code kpi.plan.agencies}). */
class PlanRulesTest {

    private static final PlanConfig ANY_AGENCY = agencies(Optional.empty());
    private static final PlanConfig IPA_ONLY = agencies(Optional.of(Set.of("IPA")));

    private static PlanConfig agencies(Optional<Set<String>> agencies) {
        return new PlanConfig() {
            @Override
            public java.time.ZoneId zone() {
                return java.time.ZoneId.of("Asia/Tokyo");
            }

            @Override
            public Optional<Set<String>> agencies() {
                return agencies;
            }
        };
    }

    @Test
    void anAgencyMustBeOneOfTheListedOnesWhenTheSuiteListsThem() {
        PlanService.validate(attributes("IPA", 2024, null, null), IPA_ONLY);
        PlanService.validate(attributes("METI", 2024, null, null), ANY_AGENCY);
        assertThat(refusal(attributes("ipa", 2024, null, null), IPA_ONLY))
                .isEqualTo(new Violation("agency", "is not one of the agencies IPA"));
    }

    @Test
    void theFiscalYearLiesWithinTheMidTermPeriod() {
        PlanService.validate(attributes("IPA", 2024, 2023, 2027), ANY_AGENCY);
        assertThat(refusal(attributes("IPA", 2028, 2023, 2027), ANY_AGENCY).field()).isEqualTo("fiscalYear");
        assertThat(refusal(attributes("IPA", 2024, 2027, 2023), ANY_AGENCY).field()).isEqualTo("midTermLastYear");
        assertThat(refusal(attributes("IPA", 2024, null, 2027), ANY_AGENCY).field()).isEqualTo("midTermFirstYear");
    }

    private static PlanChangeRequest attributes(String agency, int fiscalYear, Integer first, Integer last) {
        PlanChangeRequest attributes = new PlanChangeRequest();
        attributes.agency = agency;
        attributes.fiscalYear = fiscalYear;
        attributes.midTermFirstYear = first;
        attributes.midTermLastYear = last;
        attributes.nameJa = "計画";
        return attributes;
    }

    private static Violation refusal(PlanChangeRequest attributes, PlanConfig config) {
        ProblemException refused = catchThrowableOfType(ProblemException.class,
                () -> PlanService.validate(attributes, config));
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(422);
        return refused.toProblem(null).violations().get(0);
    }
}
