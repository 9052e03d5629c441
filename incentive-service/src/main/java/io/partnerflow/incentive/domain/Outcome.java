package io.partnerflow.incentive.domain;

import java.time.LocalDate;

/** What applying one rule to one input gave: an earning, nothing (and why), or "wait for an FX rate". */
public sealed interface Outcome {
    record Earned(Calculation calculation) implements Outcome {
    }

    record NotEligible(String reason) implements Outcome {
    }

    record MissingFx(String from, String to, LocalDate date) implements Outcome {
        public String describe() {
            return "no " + from + "/" + to + " rate on or before " + date;
        }
    }
}
